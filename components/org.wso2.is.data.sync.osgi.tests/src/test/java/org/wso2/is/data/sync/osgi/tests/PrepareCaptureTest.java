/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.wso2.carbon.ndatasource.core.DataSourceService;

/**
 * {@code -DprepareSync} on the IS 5.9.0 tables in WSO2's orbit H2: the job creates the journals and triggers on
 * the source, H2 loads the trigger class from the client bundle through its own {@code DynamicImport-Package},
 * and the trigger journals a change that IS makes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PrepareCaptureTest {

    static final List<String> CAPTURE_OBJECTS = List.of("table SYN_J_TOKEN", "table SYN_J_TOKEN_SCOPE",
            "table SYN_J_USER_DATA", "trigger SYN_T_TOKEN", "trigger SYN_T_TOKEN_SCOPE", "trigger SYN_T_USER_DATA");
    private static final String TRIGGER_PACKAGE = "org.wso2.is.data.sync.capture.h2";

    @Inject
    private BundleContext context;

    @Inject
    private DataSourceService dataSources;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("prepare-capture");
        return IsRuntime.with(home, IsRuntime.is590Schema(), IsRuntime.prepareSync(home.is590SyncProperties()));
    }

    @Test
    public void createsTheCaptureOnTheSourceOnly() throws Exception {
        SynLog.awaitJobCompleted("prepare");

        String log = SynLog.text();
        assertTrue(log, log.contains("Created trigger SYN_T_TOKEN on the source database 'jdbc/source' (H2)"));
        assertEquals(CAPTURE_OBJECTS, IdentityDatabase.captureObjects(IdentityDatabase.get(dataSources, "source")));
        assertEquals(List.of(), IdentityDatabase.captureObjects(IdentityDatabase.get(dataSources, "target")));
    }

    /** As IS's own threads write: with no context class loader pointing at the client bundle. */
    @Test
    public void journalsAnInsertWithoutAContextClassLoader() throws Exception {
        SynLog.awaitJobCompleted("prepare");
        DataSource source = IdentityDatabase.get(dataSources, "source");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (-1234, 'alice', 'http://wso2.org/claims/identity/failedLoginAttempts', '1')");
        } finally {
            thread.setContextClassLoader(previous);
        }

        List<String> journal = new ArrayList<>();
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT OPERATION, TENANT_ID, USER_NAME, DATA_KEY FROM SYN_J_USER_DATA")) {
            while (rs.next()) {
                journal.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        assertEquals(List.of("I -1234 alice http://wso2.org/claims/identity/failedLoginAttempts"), journal);
    }

    /**
     * H2 instantiates the trigger when the job creates it. A dynamic wire from the H2 bundle to the client's
     * exported package shows that H2's own class loader found the class, not a context class loader of the job.
     */
    @Test
    public void h2LoadsTheTriggerClassThroughItsDynamicImport() throws Exception {
        SynLog.awaitJobCompleted("prepare");

        Bundle h2 = Arrays.stream(context.getBundles()).filter(b -> IsRuntime.H2.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        List<BundleWire> wires = h2.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE);
        BundleWire wire = wires.stream().filter(w -> TRIGGER_PACKAGE.equals(
                w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))).findFirst().orElse(null);
        assertNotNull("the H2 bundle has no wire to " + TRIGGER_PACKAGE + ": " + wires, wire);
        assertEquals(IsRuntime.CLIENT, wire.getProvider().getBundle().getSymbolicName());
        assertEquals(PackageNamespace.RESOLUTION_DYNAMIC,
                wire.getRequirement().getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
    }
}
