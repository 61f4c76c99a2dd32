/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.wso2.carbon.ndatasource.core.DataSourceService;

/**
 * {@code -DprepareSync -DgenerateDDL=<dir>} on the IS 5.9.0 tables in WSO2's orbit H2: the job writes the DBA's
 * scripts for both sides, says where, and creates nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GenerateDdlTest {

    /** Under carbon.home, so each run starts without the last run's scripts. */
    private static final String DDL_DIR = "ddl";

    @Inject
    private DataSourceService dataSources;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("generate-ddl");
        return IsRuntime.with(home, IsRuntime.is590Schema(), IsRuntime.prepareSync(home.is590SyncProperties()),
                IsRuntime.generateDdl(home.root().resolve(DDL_DIR)));
    }

    @Test
    public void writesBothScriptsAndCreatesNothing() throws Exception {
        SynLog.awaitJobCompleted("generate-ddl");
        Path dir = Paths.get(System.getProperty("carbon.home"), DDL_DIR);
        Path sourceScript = dir.resolve("identity_source.sql");
        Path targetScript = dir.resolve("identity_target.sql");

        String log = SynLog.text();
        assertTrue(log, log.contains("Wrote " + sourceScript + " for the source database 'jdbc/source' (H2)"));
        assertTrue(log, log.contains("Wrote " + targetScript + " for the target database 'target' (H2)"));
        String script = Files.readString(sourceScript);
        assertTrue(script, script.contains("CREATE TRIGGER SYN_T_TOKEN AFTER INSERT, UPDATE, DELETE ON "
                + "IDN_OAUTH2_ACCESS_TOKEN FOR EACH ROW CALL \"org.wso2.is.data.sync.capture.h2.H2JournalTrigger\""));
        assertTrue(targetScript + " is missing", Files.isRegularFile(targetScript));
        assertEquals(List.of(), IdentityDatabase.captureObjects(IdentityDatabase.get(dataSources, "source")));
    }
}
