/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobType;
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
}
