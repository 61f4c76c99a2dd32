/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * MariaDB with binary logging on refuses CREATE TRIGGER to a user without SUPER while
 * log_bin_trust_function_creators is off (error 1419, after the journals exist): the preflight says so, with the
 * one-line fix, before anything is created; once the setting is changed, prepare succeeds.
 */
class BinaryLogPreflightIT {

    @Test
    void aUserWithoutSuperIsToldTheSettingToChangeAndNothingIsCreated() throws Exception {
        try (EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew(List.of("--log-bin=mariadb-bin",
                "--binlog-format=ROW"));
             TestDatabase src = server.createDatabase(); TestDatabase tgt = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            Set<String> before = Catalog.snapshot(src);
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE,
                    Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA"), src.dataSource(), tgt.dataSource(),
                    null));
            assertEquals("nothing was created; fix these first:" + System.lineSeparator()
                    + "  - the source database 'src' (MySQL/MariaDB): the user " + src.username() + " may not create "
                    + "the capture tables and triggers; missing: SUPER, which CREATE TRIGGER needs while binary "
                    + "logging is on (log_bin = ON) and log_bin_trust_function_creators = OFF: as an administrator "
                    + "run SET GLOBAL log_bin_trust_function_creators = 1 (and set it in the server's option file so "
                    + "that a restart keeps it), or GRANT SUPER ON *.* TO '" + src.username() + "'@'%'",
                    e.getMessage());
            assertEquals(before, Catalog.snapshot(src));

            try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL log_bin_trust_function_creators = 1");
            }
            Jobs.run(JobType.PREPARE, Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA"), src.dataSource(),
                    tgt.dataSource(), null);
            CaptureIT.exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (-1234, 'alice', 'k', 'v')");
            assertEquals(List.of("I[-1234, alice, k]"), CaptureIT.journal(src,
                    SyncTable.IDN_IDENTITY_USER_DATA));
        }
    }
}
