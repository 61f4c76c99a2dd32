/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.ConfigurationException;

class ServerJobRequestTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void aNormalServerStartAsksForNothing() throws Exception {
        assertNull(ServerJobRequest.from(props("configFile", "/x/sync.properties", "prepareSync", "false")));
    }

    @Test
    void flagsWithoutValueSelectTheJob() throws Exception {
        ServerJobRequest r = ServerJobRequest.from(props("syncData", "", "configFile", " /x/sync.properties "));
        assertEquals(JobType.SYNC, r.getType());
        assertEquals(Paths.get("/x/sync.properties"), r.getConfigFile());
        assertFalse(r.getOptions().isUntilDrained());
        assertTrue(ServerJobRequest.from(props("syncData", "", "untilDrained", "")).getOptions().isUntilDrained());
        assertFalse(r.getOptions().isTakeOver());
        assertTrue(ServerJobRequest.from(props("syncData", "", "takeOver", "")).getOptions().isTakeOver());
        assertFalse(ServerJobRequest.from(props("syncData", "", "takeOver", "false")).getOptions().isTakeOver());
        assertEquals(JobType.VALIDATE, ServerJobRequest.from(props("validateSync", "true")).getType());
        assertEquals(JobType.CLEAN, ServerJobRequest.from(props("cleanSync", "")).getType());
    }

    @Test
    void generateDdlTurnsPrepareIntoScripts() throws Exception {
        ServerJobRequest r = ServerJobRequest.from(props("prepareSync", "", "generateDDL", ""));
        assertEquals(JobType.GENERATE_DDL, r.getType());
        assertEquals(JobOptions.DEFAULT_DDL_DIRECTORY, r.getOptions().getDdlDirectory());
        r = ServerJobRequest.from(props("prepareSync", "", "generateDDL", "/tmp/ddl"));
        assertEquals(Paths.get("/tmp/ddl"), r.getOptions().getDdlDirectory());
        assertEquals(JobType.PREPARE, ServerJobRequest.from(props("prepareSync", "", "generateDDL", "false")).getType());
    }

    @Test
    void twoJobsAtOnceAreRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServerJobRequest.from(props("prepareSync", "", "syncData", "")));
        assertEquals("-DprepareSync and -DsyncData are all set: start the server with one data sync job at a time",
                e.getProblems().get(0));
    }

    @Test
    void repairModifiesValidateAndResyncTableIsAJobOfItsOwn() throws Exception {
        assertTrue(ServerJobRequest.from(props("validateSync", "", "repair", "")).getOptions().isRepair());
        assertFalse(ServerJobRequest.from(props("validateSync", "", "repair", "false")).getOptions().isRepair());
        assertFalse(ServerJobRequest.from(props("validateSync", "")).getOptions().isRepair());
        assertFalse(ServerJobRequest.from(props("syncData", "", "repair", "")).getOptions().isRepair());

        ServerJobRequest r = ServerJobRequest.from(props("resyncTable", " IDN_OAUTH2_ACCESS_TOKEN "));
        assertEquals(JobType.RESYNC, r.getType());
        assertEquals("IDN_OAUTH2_ACCESS_TOKEN", r.getOptions().getResyncTable());
        for (String value : new String[] {"", "true"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ServerJobRequest.from(props("resyncTable", value)));
            assertEquals("-DresyncTable needs the table whose keys to queue, e.g. -DresyncTable=IDN_OAUTH2_ACCESS_TOKEN",
                    e.getProblems().get(0));
        }
        ConfigurationException two = assertThrows(ConfigurationException.class,
                () -> ServerJobRequest.from(props("validateSync", "", "resyncTable", "IDN_OAUTH2_ACCESS_TOKEN")));
        assertEquals("-DvalidateSync and -DresyncTable are all set: start the server with one data sync job at a time",
                two.getProblems().get(0));
    }
}
