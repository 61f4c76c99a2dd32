/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.wso2.is.data.sync.osgi.stub.api.StubDataSources;
import org.wso2.is.data.sync.osgi.stub.api.StubRecord;

/**
 * {@code -DprepareSync -DconfigFile=sync.properties}: the component starts the job, which finds both databases
 * through Carbon in the super-tenant flow and says in syn.log what it connected to, without the password.
 * Asserts nothing about the job's own result: there are no IS tables here; {@link PrepareCaptureTest} has them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PrepareJobTest {

    private static final String SUPER_TENANT = " in tenant -1234/carbon.super (flow depth 1)";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("prepare-job");
        return IsRuntime.with(home, IsRuntime.prepareSync(home.syncProperties()));
    }

    @Test
    public void runsTheJobOnBothCarbonDatasources() throws Exception {
        SynLog.awaitMessage("The target database 'target' is H2 ");
        String log = SynLog.text();

        assertEquals(Bundle.ACTIVE, ClientBundle.find(context).getState());
        assertTrue(log, log.contains("Starting job prepare with sourceVersion=5.8.0, targetVersion=5.9.0"));
        assertTrue(log, log.contains("The source database 'jdbc/source' is H2 "));
        assertTrue(log, log.contains(" at jdbc:h2:mem:source"));
        assertTrue(log, log.contains(" at jdbc:h2:mem:target"));
        assertFalse("syn.log shows the datasource password:\n" + log, log.contains(StubDataSources.PASSWORD));
    }

    @Test
    public void looksUpTheDatasourcesInTheSuperTenantFlow() throws Exception {
        SynLog.awaitMessage("The target database 'target' is H2 ");
        List<String> calls = StubRecord.entries();

        assertTrue(calls.toString(), calls.contains("getDataSource(source)" + SUPER_TENANT));
        assertTrue(calls.toString(), calls.contains("getDataSource(target)" + SUPER_TENANT));
        for (String call : calls) {
            assertTrue("a Carbon lookup outside the super-tenant flow: " + calls, call.endsWith(SUPER_TENANT));
        }
    }
}
