/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.testkit.BlackHoleProxy;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The network to the source goes silent (a proxy that keeps the connections open and drops every byte), then
 * carries again. The sync says so within twice the network timeout, and moves on by itself once the source answers.
 */
class SilentSourceIT {

    private static final long NETWORK_TIMEOUT_MILLIS = 2_000;
    private static final String PASSING = "a batch failed on a passing database error and is retried with backoff";

    @Test
    void aSilentSourceIsToldWithinTwiceTheTimeoutAndTheSyncRecoversWhenItAnswers() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=25",
                    "syncInterval=200", "progressInterval=1000", "networkTimeout=" + NETWORK_TIMEOUT_MILLIS);
            URI server = URI.create(src.jdbcUrl().substring("jdbc:".length()));
            try (BlackHoleProxy proxy = BlackHoleProxy.to(server.getHost(), server.getPort())) {
                // The sync reaches the source only through the proxy. The datasource's only bound of its own is a login
                // timeout, as a HikariCP pool of the launcher gives its driver (its connectionTimeout): the wait on an
                // open connection is the tool's networkTimeout.
                PGSimpleDataSource viaProxy = new PGSimpleDataSource();
                viaProxy.setLoginTimeout((int) (NETWORK_TIMEOUT_MILLIS / 1000));
                viaProxy.setUrl("jdbc:postgresql://" + server.getHost() + ":" + proxy.port() + server.getPath());
                viaProxy.setUser(src.username());
                viaProxy.setPassword(src.password());

                JobRunner sync = SyncIT.runner(JobType.SYNC, config, viaProxy, tgt.dataSource(), false);
                sync.start();
                try {
                    insertUserData(src, 0, 40);
                    Poll.until("the sync applies changes through the proxy", Duration.ofSeconds(20),
                            () -> count(tgt) == 40);

                    int silence = log.lines().size();
                    proxy.blackHole();
                    long silentSince = System.nanoTime();
                    insertUserData(src, 40, 80);
                    Poll.until("a WARN says the batch failed on a passing error", Duration.ofSeconds(30),
                            () -> log.indexOf(Level.WARN, PASSING, silence) >= 0);
                    long toldAfter = (System.nanoTime() - silentSince) / 1_000_000;
                    assertTrue(toldAfter < 2 * NETWORK_TIMEOUT_MILLIS, "the silence was told after " + toldAfter
                            + " ms, the network timeout is " + NETWORK_TIMEOUT_MILLIS + " ms: " + log.lines());

                    proxy.resume();
                    Poll.until("the sync moves again once the source answers", Duration.ofSeconds(30),
                            () -> log.recoveredSince(silence)
                                    && log.indexOf(Level.INFO, "syncing again after", silence) >= 0);
                    insertUserData(src, 80, 100);
                    Poll.until("every change reaches the target", Duration.ofSeconds(30), () -> count(tgt) == 100);
                } finally {
                    assertTrue(sync.stop(30_000), "the sync stops");
                }
            }
            assertEquals(CaptureIT.query(src, USER_DATA), CaptureIT.query(tgt, USER_DATA));
            assertEquals(100, CaptureIT.query(tgt, USER_DATA).size());
        }
    }

    private static final String USER_DATA = "SELECT USER_NAME || '|' || DATA_KEY || '|' || DATA_VALUE FROM "
            + "IDN_IDENTITY_USER_DATA ORDER BY DATA_KEY";

    private static void insertUserData(TestDatabase db, int from, int to) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (int i = from; i < to; i++) {
                s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                        + "VALUES (-1234, 'alice', '" + String.format("k%03d", i) + "', 'v" + i + "')");
            }
        }
    }

    private static long count(TestDatabase db) throws SQLException {
        return Long.parseLong(CaptureIT.query(db, "SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA").get(0));
    }
}
