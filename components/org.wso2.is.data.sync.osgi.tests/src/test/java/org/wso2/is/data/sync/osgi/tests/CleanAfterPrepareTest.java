/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
import org.wso2.carbon.ndatasource.core.DataSourceService;

/**
 * {@code -DcleanSync} after {@code -DprepareSync} on the IS 5.9.0 tables in WSO2's orbit H2: clean drops every
 * capture object prepare created. The databases are in memory, so the restart between the two is a restart of the
 * client bundle, not of the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CleanAfterPrepareTest {

    @Inject
    private BundleContext context;

    @Inject
    private DataSourceService dataSources;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("clean-after-prepare");
        return IsRuntime.with(home, IsRuntime.is590Schema(), IsRuntime.prepareSync(home.is590SyncProperties()));
    }

    @Test
    public void dropsWhatPrepareCreated() throws Exception {
        SynLog.awaitJobCompleted("prepare");
        DataSource source = IdentityDatabase.get(dataSources, "source");
        assertEquals(PrepareCaptureTest.CAPTURE_OBJECTS, IdentityDatabase.captureObjects(source));

        // the component reads the job flags when it activates, as at an IS start with -DcleanSync instead
        Bundle client = ClientBundle.find(context);
        client.stop();
        System.clearProperty("prepareSync");
        System.setProperty("cleanSync", "true");
        client.start();
        SynLog.awaitJobCompleted("clean");

        String log = SynLog.text();
        assertTrue(log, log.contains("Dropped trigger SYN_T_TOKEN on the source database 'jdbc/source' (H2)"));
        assertEquals(List.of(), IdentityDatabase.captureObjects(source));
        assertEquals(List.of(), IdentityDatabase.captureObjects(IdentityDatabase.get(dataSources, "target")));
    }
}
