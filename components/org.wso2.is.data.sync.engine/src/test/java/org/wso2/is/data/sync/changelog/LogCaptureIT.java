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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.job.VerdictException;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * {@code captureMode = log} on PostgreSQL: prepare creates a publication and a slot and nothing else on the source;
 * sync under live traffic, stopped and restarted, then drained, leaves the target identical to the source; validate
 * agrees; a dropped slot is the ERROR that says to prepare again; clean removes slot, publication and the target's
 * journals. A server without wal_level = logical is refused before anything is created.
 */
public class LogCaptureIT {

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startLogicalServer() {
        server = EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A source database whose login may replicate, as log capture needs. */
    public static TestDatabase replicatingSource(EmbeddedPostgresServer on) throws SQLException {
        TestDatabase db = on.createDatabase();
        try (Connection c = on.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + db.username() + " REPLICATION");
        }
        return db;
    }

    public static SyncConfiguration logConfig(String... more) throws Exception {
        List<String> settings = new ArrayList<>(List.of("captureMode=log", "batchSize=25", "syncInterval=200",
                "progressInterval=1000"));
        settings.addAll(List.of(more));
        return Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, settings.toArray(new String[0]));
    }

    @Test
    void logCaptureSyncsLiveTrafficAcrossARestartAndCleanRemovesEverything() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            Set<String> tablesBefore = Catalog.snapshot(src);
            SyncConfiguration config = logConfig();
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            // No trigger, no journal, no function: the source's schema is as it was.
            assertEquals(tablesBefore, Catalog.snapshot(src));
            assertEquals(Set.of("syn_slot_" + src.name()), slots(src));
            assertEquals(Set.of("idn_identity_user_data", "idn_oauth2_access_token", "idn_oauth2_access_token_scope",
                    "idn_oauth2_authorization_code"), published(src));
            // Twice: nothing more is created.
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            assertEquals(1, slots(src).size());

            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            int committed;
            // The stream's connection takes the tool's own parameters over those of the datasource's URL (pgjdbc's
            // datasources write ApplicationName, socketTimeout=0 and preferQueryMode=extended there).
            Poll.until("the log is streamed as data-sync-log", Duration.ofSeconds(20), () -> streaming(src));
            try (Writers writers = Writers.start(src.dataSource(), 4)) {
                appliesMore(tgt.dataSource());
                // A restart in the middle of the traffic: the stored position is where the next sync reads on.
                assertTrue(sync.stop(30_000));
                assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
                JobRunner again = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
                again.start();
                appliesMore(tgt.dataSource());
                committed = writers.stop();
                assertTrue(again.stop(30_000));
            }
            JobOutcome drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true)
                    .runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            for (SyncTable t : SyncTable.values()) {
                TableComparison.assertSame(src.dataSource(), tgt.dataSource(), t, ProductVersion.V5_9_0);
                assertEquals(0, IsTraffic.count(tgt.dataSource(), "SYN_J_" + shortName(t)), t + ": all applied");
            }
            JobOutcome validate = SyncIT.runner(JobType.VALIDATE, config, src.dataSource(), tgt.dataSource(), false)
                    .runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, validate.getStatus(), validate.getMessage());

            Jobs.run(JobType.CLEAN, config, src.dataSource(), tgt.dataSource(), null);
            assertEquals(Set.of(), slots(src));
            assertEquals(Set.of(), published(src));
            assertEquals(tablesBefore, Catalog.snapshot(src));
            for (String object : Catalog.snapshot(tgt)) {
                assertFalse(object.contains(" SYN_"), "clean left " + object + " on the target");
            }
        }
    }

    @Test
    void aKeyChangeBringsTheOldKeyAndATruncateEmptiesTheTargetTable() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            SyncConfiguration config = logConfig();
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            Writers.runConcurrently(src.dataSource(), ProductVersion.V5_9_0, 2, 42, 40);
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
            long users = IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA");
            assertTrue(users > 0 && IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_AUTHORIZATION_CODE") > 0);
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                // Every key changes: the log brings each old key, which must leave the target.
                s.executeUpdate("UPDATE IDN_IDENTITY_USER_DATA SET USER_NAME = USER_NAME || '-renamed'");
                s.execute("TRUNCATE IDN_OAUTH2_AUTHORIZATION_CODE CASCADE");
            }
            Writers.runConcurrently(src.dataSource(), ProductVersion.V5_9_0, 1, 43, 5);
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            // An old key left behind, or a code the truncate removed, would be an extra row on the target.
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
        }
    }

    @Test
    void validateRepairAndResyncQueueKeysInTheTargetsJournals() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            SyncConfiguration config = logConfig();
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            Writers.runConcurrently(src.dataSource(), ProductVersion.V5_9_0, 2, 7, 40);
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            // Rows lost on the target behind the sync's back: validate finds them, --repair and resync queue them.
            try (Connection c = tgt.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertTrue(s.executeUpdate("DELETE FROM IDN_IDENTITY_USER_DATA") > 0);
                assertTrue(s.executeUpdate("DELETE FROM IDN_OAUTH2_AUTHORIZATION_CODE") > 0);
            }
            JobOutcome differs = SyncIT.runner(JobType.VALIDATE, config, src.dataSource(), tgt.dataSource(), false)
                    .runHere();
            assertEquals(JobOutcome.Status.FAILED, differs.getStatus(), differs.getMessage());
            run(JobType.VALIDATE, config, src, tgt, JobOptions.defaults().withRepair());
            run(JobType.RESYNC, config, src, tgt, JobOptions.defaults().withResyncTable("IDN_IDENTITY_USER_DATA"));
            assertTrue(IsTraffic.count(tgt.dataSource(), "SYN_J_USER_DATA") > 0, "resync queued on the target");
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
        }
    }

    private static void run(JobType type, SyncConfiguration config, TestDatabase src, TestDatabase tgt,
                            JobOptions options) throws Exception {
        try {
            new EngineJobs().create(type).run(new JobContext(config, src.dataSource(), tgt.dataSource(), options,
                    new StopSignal()));
        } catch (VerdictException e) {
            // validate --repair ends with its verdict: the differences it found and queued
        }
    }

    @Test
    void aDroppedSlotIsAnErrorThatSaysToPrepareAgain() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = logConfig();
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot('syn_slot_" + src.name() + "')");
            }
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.SYNC, config,
                    src.dataSource(), tgt.dataSource(), null, true));
            assertEquals("sync cannot start; fix these first:" + System.lineSeparator() + "  - the source database "
                    + "'src' (PostgreSQL): log capture is not in place: the replication slot syn_slot_" + src.name()
                    + " does not exist: run prepare (with captureMode = log); if it was in place before, changes since "
                    + "may be missing: then resync every synced table (resync --table T) too", e.getMessage());
        }
    }

    @Test
    void aTableSwappedUnderARunningSyncStopsItWithTheError() throws Exception {
        try (TestDatabase src = replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = logConfig();
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            Poll.until("the log is streamed", Duration.ofSeconds(20), () -> streaming(src));
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                // A cleanup script's swap: the publication keeps the old table, the new one's changes are not logged.
                s.execute("ALTER TABLE IDN_IDENTITY_USER_DATA RENAME TO IDN_IDENTITY_USER_DATA_OLD");
                s.execute("CREATE TABLE IDN_IDENTITY_USER_DATA (LIKE IDN_IDENTITY_USER_DATA_OLD INCLUDING ALL)");
            }
            JobOutcome outcome = sync.await(30, TimeUnit.SECONDS);
            if (outcome == null) {
                sync.stop(30_000);
            }
            assertEquals(JobOutcome.Status.FAILED, outcome == null ? null : outcome.getStatus());
            assertEquals("log capture stopped: the source database 'src': log capture is not in place: the "
                    + "publication syn_pub lacks table IDN_IDENTITY_USER_DATA: run prepare (with captureMode = log); "
                    + "if it was in place before, changes since may be missing: then resync every synced table "
                    + "(resync --table T) too", outcome.getMessage());
        }
    }

    @Test
    void aServerWithoutLogicalWalIsRefusedAndNothingIsCreated() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            IsSchema.create(src, "5.9.0");
            Set<String> before = Catalog.snapshot(src);
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE, logConfig(),
                    src.dataSource(), tgt.dataSource(), null));
            String where = "the source database 'src' (PostgreSQL): ";
            assertEquals("nothing was created; fix these first:" + System.lineSeparator()
                    + "  - " + where + "wal_level is replica, log capture needs logical: as a superuser run ALTER "
                    + "SYSTEM SET wal_level = logical and restart PostgreSQL (on Amazon RDS/Aurora set the parameter "
                    + "rds.logical_replication = 1, on Azure wal_level = logical, on Cloud SQL the flag "
                    + "cloudsql.logical_decoding = on; each takes a restart)" + System.lineSeparator()
                    + "  - " + where + "the user " + src.username() + " lacks the REPLICATION attribute, which a "
                    + "logical replication slot and its stream need: as a superuser run ALTER ROLE " + src.username()
                    + " REPLICATION (on Amazon RDS: GRANT rds_replication TO " + src.username() + ")",
                    e.getMessage());
            assertEquals(before, Catalog.snapshot(src));
            assertEquals(Set.of(), slots(src));
            assertEquals(Set.of(), published(src));
        }
    }

    @Test
    void logModeOnADatabaseWithoutALogReaderIsRefused() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.H2)) {
            IsSchema.create(src, "5.9.0");
            Set<String> before = Catalog.snapshot(src);
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE, logConfig(),
                    src.dataSource(), tgt.dataSource(), null));
            assertEquals("the source database 'src' (H2): captureMode = log is not available on H2 (only on "
                    + "PostgreSQL 10+, MySQL 5.7+ and MariaDB 10.x); use captureMode = triggers; nothing was changed",
                    e.getMessage());
            assertEquals(before, Catalog.snapshot(src));
        }
    }

    static String shortName(SyncTable t) {
        switch (t) {
            case IDN_IDENTITY_USER_DATA:
                return "USER_DATA";
            case IDN_OAUTH2_ACCESS_TOKEN:
                return "TOKEN";
            case IDN_OAUTH2_ACCESS_TOKEN_SCOPE:
                return "TOKEN_SCOPE";
            default:
                return "AUTHZ_CODE";
        }
    }

    /** Whether the sync streams from {@code db}'s slot, on a connection named as the tool names it. */
    static boolean streaming(TestDatabase db) throws SQLException {
        return names(server.adminDataSource(), "SELECT r.application_name FROM pg_stat_replication r "
                + "JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE s.slot_name = 'syn_slot_" + db.name()
                + "'").contains("data-sync-log");
    }

    static Set<String> slots(TestDatabase db) throws SQLException {
        return names(db, "SELECT slot_name FROM pg_replication_slots WHERE database = current_database()");
    }

    static Set<String> published(TestDatabase db) throws SQLException {
        return names(db, "SELECT tablename FROM pg_publication_tables");
    }

    private static Set<String> names(TestDatabase db, String query) throws SQLException {
        return names(db.dataSource(), query);
    }

    private static Set<String> names(DataSource db, String query) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Waits until the running sync has applied more of the writers' tokens to the target. */
    private static void appliesMore(DataSource target) throws Exception {
        long before = IsTraffic.count(target, "IDN_OAUTH2_ACCESS_TOKEN");
        Poll.until("the sync applies more of IS's tokens", Duration.ofSeconds(60),
                () -> IsTraffic.count(target, "IDN_OAUTH2_ACCESS_TOKEN") > before + 10);
    }
}
