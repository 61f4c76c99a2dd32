/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.MariaDbLogin;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * {@code captureMode = log} on MariaDB: prepare creates no trigger and no journal on the source, only the table that
 * keeps its starting position; sync under live traffic, stopped and restarted, then drained, leaves the target
 * identical to the source; clean removes the source's table, the dump's copy of it and the target's journals. A
 * server with binlog_format = STATEMENT is refused before anything is created; a purged binary log stops sync with
 * the ERROR that says to prepare again, and prepare again lets it go on.
 */
class MySqlLogCaptureIT {

    private static EmbeddedMariaDbServer server;

    @BeforeAll
    static void startBinaryLogServer() {
        server = EmbeddedMariaDbServer.startNew(EmbeddedMariaDbServer.binaryLogOptions("ROW", "FULL"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A source database whose login may read the binary log, as log capture needs. */
    static TestDatabase replicatingSource(DatabaseServer on) throws SQLException {
        TestDatabase db = on.createDatabase();
        try (Connection c = on.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + db.username() + "'@'%'");
        }
        return db;
    }

    @Test
    void logCaptureSyncsLiveTrafficAcrossARestartAndCleanRemovesEverything() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            DataSource source = MariaDbLogin.of(src);
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(source);
            IsTraffic.createApps(tgt.dataSource());
            Set<String> tablesBefore = Catalog.snapshot(src);
            SyncConfiguration config = LogCaptureIT.logConfig();
            Jobs.run(JobType.PREPARE, config, source, tgt.dataSource(), null);
            // No trigger, no journal: only the table with the starting position, which is where the log ends now.
            Set<String> expected = new TreeSet<>(tablesBefore);
            expected.add("TABLE SYN_LOG_START");
            assertEquals(expected, Catalog.snapshot(src));
            // taken after the CREATE TABLE, before the INSERT that stores it: one transaction behind the end now
            String start = single(source, "SELECT POSITION FROM SYN_LOG_START");
            String now = single(source, "SELECT @@GLOBAL.gtid_binlog_pos");
            assertEquals(now.substring(0, now.lastIndexOf('-') + 1)
                    + (Long.parseLong(now.substring(now.lastIndexOf('-') + 1)) - 1), start);
            // Twice: nothing more is created, the position stays.
            Jobs.run(JobType.PREPARE, config, source, tgt.dataSource(), null);
            assertEquals(expected, Catalog.snapshot(src));
            assertEquals(start, single(source, "SELECT POSITION FROM SYN_LOG_START"));
            // The dump carries the table to the target; sync must read the source's (this one names no binary log).
            try (Connection c = tgt.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE SYN_LOG_START (POSITION VARCHAR(2048) NOT NULL)");
                s.execute("INSERT INTO SYN_LOG_START VALUES ('no-such-binlog.000001:4')");
            }

            JobRunner sync = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), false);
            sync.start();
            int committed;
            try (Writers writers = Writers.start(source, 4)) {
                Poll.until("the log pump stores a position", Duration.ofSeconds(20),
                        () -> storedPosition(tgt) != null);
                appliesMore(tgt.dataSource());
                // A restart in the middle of the traffic: the stored position is where the next sync reads on.
                assertTrue(sync.stop(30_000));
                assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
                JobRunner again = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), false);
                again.start();
                appliesMore(tgt.dataSource());
                committed = writers.stop();
                assertTrue(again.stop(30_000));
            }
            JobOutcome drain = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), true).runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            for (SyncTable t : SyncTable.values()) {
                TableComparison.assertSame(source, tgt.dataSource(), t, ProductVersion.V5_9_0);
                assertEquals(0, IsTraffic.count(tgt.dataSource(), "SYN_J_" + LogCaptureIT.shortName(t)),
                        t + ": all applied");
            }
            JobOutcome validate = SyncIT.runner(JobType.VALIDATE, config, source, tgt.dataSource(), false)
                    .runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, validate.getStatus(), validate.getMessage());

            Jobs.run(JobType.CLEAN, config, source, tgt.dataSource(), null);
            assertEquals(tablesBefore, Catalog.snapshot(src));
            for (String object : Catalog.snapshot(tgt)) {
                assertFalse(object.contains(" SYN_"), "clean left " + object + " on the target");
            }
        }
    }

    @Test
    void statementFormatIsRefusedAndNothingIsCreated() throws Exception {
        try (EmbeddedMariaDbServer statements = EmbeddedMariaDbServer.startNew(
                EmbeddedMariaDbServer.binaryLogOptions("STATEMENT", "FULL"));
             TestDatabase src = replicatingSource(statements); TestDatabase tgt = statements.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            Set<String> before = Catalog.snapshot(src);
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE,
                    LogCaptureIT.logConfig(), MariaDbLogin.of(src), tgt.dataSource(), null));
            assertEquals("nothing was created; fix these first:" + System.lineSeparator() + "  - the source "
                    + "database 'src' (MySQL/MariaDB): binlog_format is STATEMENT, and log capture reads only row "
                    + "events: as an administrator run SET GLOBAL binlog_format = 'ROW' and set binlog_format = ROW "
                    + "in the server's option file; sessions already open keep STATEMENT until they reconnect, so "
                    + "restart IS (or the server) before prepare", e.getMessage());
            assertEquals(before, Catalog.snapshot(src));
        }
    }

    @Test
    void aPurgedBinaryLogStopsSyncWithTheErrorAndPrepareAgainLetsItGoOn() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            DataSource source = MariaDbLogin.of(src);
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(source);
            IsTraffic.createApps(tgt.dataSource());
            // the progress report (which also finds a purge) comes after the reader's own error
            SyncConfiguration config = LogCaptureIT.logConfig("progressInterval=60000");
            Jobs.run(JobType.PREPARE, config, source, tgt.dataSource(), null);
            Writers.runConcurrently(source, ProductVersion.V5_9_0, 2, 11, 20);
            Jobs.run(JobType.SYNC, config, source, tgt.dataSource(), null, true);
            String stored = storedPosition(tgt);
            // while sync is stopped: more changes, then every binary log file that holds them is purged
            insertCodes(source, "lost", 20);
            purgeAll();

            JobRunner sync = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), false);
            sync.start();
            JobOutcome outcome = sync.await(30, TimeUnit.SECONDS);
            if (outcome == null) {
                sync.stop(30_000);
            }
            assertEquals(JobOutcome.Status.FAILED, outcome == null ? null : outcome.getStatus());
            assertTrue(outcome.getMessage().startsWith("log capture stopped: the source no longer has the binary "
                    + "log from " + stored + " on (the binary log of " + server.host() + ":" + server.port()
                    + " (schema " + src.name() + ") says: "), outcome.getMessage());
            assertTrue(outcome.getMessage().endsWith("); changes since then cannot be read, so log capture stops: "
                    + "it was purged before the sync read it (raise binlog_expire_logs_seconds or "
                    + "expire_logs_days), so prepare again and resync the synced tables"), outcome.getMessage());

            // prepare again takes a new starting position, resync queues every row, and sync goes on from there
            Jobs.run(JobType.PREPARE, config, source, tgt.dataSource(), null);
            for (SyncTable t : SyncTable.values()) {
                new EngineJobs().create(JobType.RESYNC).run(new JobContext(config, source, tgt.dataSource(),
                        JobOptions.defaults().withResyncTable(t.name()), new StopSignal()));
            }
            insertCodes(source, "after", 20);
            JobOutcome drain = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), true).runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            TableComparison.assertAllSame(source, tgt.dataSource());
        }
    }

    @Test
    void aStartingPositionInFileFormIsReadAndDrainedInThatForm() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            DataSource source = MariaDbLogin.of(src);
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = LogCaptureIT.logConfig();
            Jobs.run(JobType.PREPARE, config, source, tgt.dataSource(), null);
            // What prepare stores where the GTID state is still empty: file and offset. The server gives a GTID
            // position now, so a drain that compared it with the reader's file positions could never end.
            try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                String file = rs.getString("File") + ":" + rs.getLong("Position");
                s.execute("UPDATE `" + src.name() + "`.SYN_LOG_START SET POSITION = '" + file + "'");
            }
            insertCodes(source, "file", 30);
            Jobs.run(JobType.SYNC, config, source, tgt.dataSource(), null, true);
            assertTrue(storedPosition(tgt).startsWith("mariadb-bin."), storedPosition(tgt));
            TableComparison.assertAllSame(source, tgt.dataSource());
            assertEquals(30, IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_AUTHORIZATION_CODE"));
        }
    }

    /** A new binary log file, and every one before it purged; MariaDB keeps a file until its binlog checkpoint. */
    private static void purgeAll() throws Exception {
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("FLUSH BINARY LOGS");
            String newest;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                newest = rs.getString(1);
            }
            Poll.until("purge before " + newest, Duration.ofSeconds(30), () -> {
                s.execute("PURGE BINARY LOGS TO '" + newest + "'");
                try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
                    rs.next();
                    return rs.getString(1).equals(newest);
                }
            });
        }
    }

    private static void insertCodes(DataSource db, String prefix, int count) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < count; i++) {
                s.execute("INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('" + prefix
                        + i + "', 'x')");
            }
        }
    }

    private static String storedPosition(TestDatabase tgt) throws SQLException {
        try (Connection c = tgt.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "SYN_LOG", null)) {
            if (!rs.next()) {
                return null;
            }
            try (ResultSet p = s.executeQuery("SELECT * FROM SYN_LOG")) {
                return p.next() ? p.getString("POSITION") : null;
            }
        }
    }

    private static String single(DataSource db, String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Waits until the running sync has applied more of the writers' tokens to the target. */
    private static void appliesMore(DataSource target) throws Exception {
        long before = IsTraffic.count(target, "IDN_OAUTH2_ACCESS_TOKEN");
        Poll.until("the sync applies more of IS's tokens", Duration.ofSeconds(60),
                () -> IsTraffic.count(target, "IDN_OAUTH2_ACCESS_TOKEN") > before + 10);
    }
}
