/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * IS issues tokens (token row, then its scope rows, in one transaction) while prepare and clean create and drop the
 * capture of the token tables, again and again: no IS write may fail. On MariaDB a trigger DDL on the scope table
 * used to wait for the token table while holding the scope table, and the token issue that then wrote its scopes
 * was failed as the victim of that deadlock (1213).
 */
class TokenWritesUnderDdlIT {

    private static final int WRITERS = 4;
    private static final int CYCLES = 6;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void tokenIssuesNeverFailWhileCaptureComesAndGoes(DatabaseKind kind) throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0",
                "IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE", "ddlLockTimeout=1000", "ddlRetryTime=30000");
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger committed = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.submit(() -> {
                        IsTraffic traffic = new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, writer, writer, 0);
                        while (!done.get()) {
                            try {
                                committed.addAndGet(traffic.run(1));
                            } catch (SQLException e) {
                                failures.add(e.getSQLState() + "/" + e.getErrorCode() + " " + e.getMessage());
                            }
                        }
                        return null;
                    });
                }
                for (int i = 0; i < CYCLES; i++) {
                    Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
                    Jobs.run(JobType.CLEAN, config, src.dataSource(), tgt.dataSource(), null);
                }
            } finally {
                done.set(true);
                writers.shutdown();
                writers.awaitTermination(60, TimeUnit.SECONDS);
            }
            assertTrue(committed.get() > CYCLES * WRITERS, "IS wrote " + committed.get() + " transactions");
            assertEquals("[]", failures.toString(), "IS writes that failed, of " + committed.get() + " committed");
        }
    }

    /**
     * The scope table's trigger DDL waits for both tables under one lock timeout: a session holding a scope row
     * makes prepare give up naming both tables, and undo what it created for the token table.
     */
    @Test
    void aHeldScopeRowStopsPrepareNamingBothTablesItWaitedFor() throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0",
                "IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE", "ddlLockTimeout=1000", "ddlRetryTime=1500");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.MARIADB)) {
            IsSchema.create(src, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            assertEquals(1, new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 0, 1, 0).run(1));
            Set<String> before = Catalog.snapshot(src);
            try (Connection blocker = src.dataSource().getConnection(); Statement s = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                s.executeUpdate("UPDATE IDN_OAUTH2_ACCESS_TOKEN_SCOPE SET TENANT_ID = TENANT_ID");
                JobException e = assertThrows(JobException.class,
                        () -> Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null));
                String m = e.getMessage();
                assertTrue(m.startsWith("creating trigger SYN_T_TOKEN_SCOPE_I on the source database 'src' "
                        + "(MySQL/MariaDB) failed: "), m);
                assertTrue(m.contains("ms for a lock on IDN_OAUTH2_ACCESS_TOKEN and IDN_OAUTH2_ACCESS_TOKEN_SCOPE; "
                        + "ddlLockTimeout and ddlRetryTime in sync.properties set these); the sessions holding "
                        + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE: "), m);
                assertTrue(m.contains("; statement: CREATE DEFINER = CURRENT_USER TRIGGER SYN_T_TOKEN_SCOPE_I "), m);
                assertTrue(m.endsWith("objects created by this run were dropped again"), m);
                assertEquals(before, Catalog.snapshot(src), "nothing is left half-created");
                blocker.rollback();
            }
        }
    }
}
