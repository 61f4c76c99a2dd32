/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.MariaDbLogin;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * A drain in log mode ends once what the log held at its start is applied, not a syncInterval later. The log's end
 * is usually past the last change to a synced table (IS writes other tables; other databases share PostgreSQL's WAL
 * and the binary log), so the reader's position gets there only by a transaction or a keepalive that carries no
 * change: such a move used to wait for a change until syncInterval ran out, and the workers waited for the whole
 * log to be stored before applying anything. With syncInterval = 60 s, the drain must end well within it.
 */
class LogDrainIT {

    private static final String LONG_INTERVAL = "syncInterval=60000";
    private static final long DRAIN_BOUND_SECONDS = 30;
    private static final int BATCH_SIZE = 25;

    @Test
    void postgresqlDrainDoesNotWaitASyncIntervalForOtherTablesWal() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(java.util.Map.of("wal_level", "logical"));
             TestDatabase src = LogCaptureIT.replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            drainsPromptly(server, src, src.dataSource(), tgt);
        }
    }

    @Test
    void mariadbDrainDoesNotWaitASyncIntervalForOtherTablesTransactions() throws Exception {
        try (EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew(
                EmbeddedMariaDbServer.binaryLogOptions("ROW", "FULL"));
             TestDatabase src = MySqlLogCaptureIT.replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            drainsPromptly(server, src, MariaDbLogin.of(src), tgt);
        }
    }

    private static void drainsPromptly(DatabaseServer server, TestDatabase src, DataSource source, TestDatabase tgt)
            throws Exception {
        IsSchema.create(src, "5.9.0");
        IsSchema.create(tgt, "5.9.0");
        IsTraffic.createApps(source);
        IsTraffic.createApps(tgt.dataSource());
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE NOT_SYNCED (ID INTEGER PRIMARY KEY)");
        }
        SyncConfiguration config = LogCaptureIT.logConfig(LONG_INTERVAL, "batchSize=" + BATCH_SIZE);
        Jobs.run(JobType.PREPARE, config, source, tgt.dataSource(), null);
        // One transaction of exactly batchSize changes: the chunk that holds them is full before the reader sees the
        // commit, so the move past it comes in a poll of its own that reads no change.
        try (Connection c = source.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, "
                     + "DATA_KEY, DATA_VALUE) VALUES (-1234, ?, 'http://wso2.org/claims/identity/accountLocked', "
                     + "'false')")) {
            c.setAutoCommit(false);
            for (int i = 0; i < BATCH_SIZE; i++) {
                ps.setString(1, "user" + i);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
        // The log now ends in a transaction of a table that is not synced, and in another database's.
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("INSERT INTO NOT_SYNCED VALUES (1)");
        }
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("CREATE TABLE " + (server instanceof EmbeddedPostgresServer ? "" : tgt.name() + ".")
                    + "ELSEWHERE (ID INTEGER PRIMARY KEY)");
        }

        JobRunner drain = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), true);
        drain.start();
        JobOutcome outcome = drain.await(DRAIN_BOUND_SECONDS, TimeUnit.SECONDS);
        if (outcome == null) {
            assertTrue(drain.stop(30_000), "the drain stops");
        }
        assertTrue(outcome != null, "the drain ended within "
                + DRAIN_BOUND_SECONDS + " s of a 60 s syncInterval");
        assertEquals(JobOutcome.Status.SUCCEEDED, outcome.getStatus(), outcome.getMessage());
        TableComparison.assertAllSame(source, tgt.dataSource());
        assertEquals(BATCH_SIZE, IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA"));
    }
}
