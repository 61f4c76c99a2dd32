/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.capture.LogJournals;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * PostgreSQL writes a transaction's commit record to the WAL, and logical decoding can send it, before the
 * transaction is visible to other sessions (it leaves the proc array after the flush, and after a synchronous
 * replication wait). A worker that read the row in that moment found it absent, applied "gone", and consumed the key:
 * the insert never reached the target. The wait for a synchronous standby that never answers holds a committing IS
 * write exactly there, so the test can make the moment as long as it likes.
 */
class CommitVisibilityIT {

    private static final long CHANCE_MILLIS = 5_000;

    @Test
    void aCommitDecodedBeforeItIsVisibleIsAppliedOnceItIs() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"));
             TestDatabase src = LogCaptureIT.replicatingSource(server);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA", "captureMode=log",
                    "batchSize=25", "syncInterval=200");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            insert(src, "alice");
            Poll.until("alice on the target", Duration.ofSeconds(30), () -> count(tgt, "alice") == 1);

            ExecutorService is = Executors.newSingleThreadExecutor();
            try {
                admin(server, "ALTER SYSTEM SET synchronous_standby_names = 'nobody'");
                // bob's commit is in the WAL, and decoded, but it waits for a standby before it becomes visible
                Future<?> bob = is.submit(() -> {
                    try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                        c.setAutoCommit(true);
                        // the test kit's server turns it off for speed; IS's servers keep the default
                        s.execute("SET synchronous_commit = on");
                        s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, "
                                + "DATA_VALUE) VALUES (-1234, 'bob', 'k', 'v')");
                    }
                    return null;
                });
                Poll.until("bob's commit waits for a standby", Duration.ofSeconds(30),
                        () -> syncRepWaiter(server) != null);
                String flushed = text(server, "SELECT pg_current_wal_insert_lsn()::text");
                // A sync that takes bob's commit before it is visible stores a position past it, and its worker
                // consumes bob's key, within moments.
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHANCE_MILLIS);
                while (System.nanoTime() < deadline
                        && !(storedPast(tgt, server, flushed) && journalled(tgt) == 0)) {
                    Thread.sleep(50);
                }
                admin(server, "SELECT pg_cancel_backend(" + syncRepWaiter(server) + ")");
                bob.get(30, TimeUnit.SECONDS);
            } finally {
                admin(server, "ALTER SYSTEM RESET synchronous_standby_names");
                is.shutdownNow();
            }
            assertEquals(1, count(src, "bob"), "bob committed on the source");
            assertTrue(sync.stop(30_000));
            JobOutcome drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true)
                    .runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            TableComparison.assertSame(src.dataSource(), tgt.dataSource(), SyncTable.IDN_IDENTITY_USER_DATA,
                    ProductVersion.V5_9_0);
            Jobs.run(JobType.CLEAN, config, src.dataSource(), tgt.dataSource(), null);
        }
    }

    private static void insert(TestDatabase db, String user) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) VALUES "
                    + "(-1234, '" + user + "', 'k', 'v')");
        }
    }

    private static long count(TestDatabase db, String user) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = '" + user
                     + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void admin(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
            if (sql.startsWith("ALTER SYSTEM")) {
                s.execute("SELECT pg_reload_conf()");
                // a reload is signalled, not awaited: wait until this session sees the setting
                String wanted = sql.contains("RESET") ? "" : "nobody";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!wanted.equals(text(server, "SHOW synchronous_standby_names")) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(e);
        }
    }

    private static String text(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The backend of a commit waiting for a synchronous standby, or null. */
    private static String syncRepWaiter(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE wait_event = 'SyncRep'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long journalled(TestDatabase tgt) throws SQLException {
        try (Connection c = tgt.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SYN_J_USER_DATA")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean storedPast(TestDatabase tgt, EmbeddedPostgresServer server, String lsn)
            throws SQLException {
        String stored;
        try (Connection c = tgt.dataSource().getConnection()) {
            c.setAutoCommit(true);
            stored = LogJournals.position(c);
        }
        return stored != null && "t".equals(text(server, "SELECT '" + stored + "'::pg_lsn >= '" + lsn + "'::pg_lsn"));
    }
}
