/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceProvider;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.SyncProcess;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * One sync per target. P1 reads key K (state s1); IS changes K (entry E2); P2 reads E1 and E2, writes s2 and
 * deletes both entries; P1 commits s1: the target would keep s1 with nothing left to repair it. A second sync
 * refuses while the first holds the target; one that takes over fences the first out, whose paused batch then
 * never commits; a killed holder does not keep a restart out for long; clean refuses under a sync.
 */
class SyncOwnerIT {

    private static final String USER_DATA = "IDN_IDENTITY_USER_DATA";
    private static final String FENCED = "this sync no longer holds the target database 'tgt' (PostgreSQL): another "
            + "sync took it over (started with --take-over, or after this one had not renewed its hold for 5 s); this "
            + "sync commits nothing more there and ends. Let the other sync run; do not restart this one while it does";

    @Test
    void aSecondProcessRefusesCleanRefusesAndAKilledHolderDoesNotBlockARestart(@TempDir Path dir) throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            SyncConfiguration config = prepared(src, tgt);
            Path log = Paths.get("target", "SyncOwnerIT-holder.log");
            Process first = SyncProcess.start(log, dir.resolve("phases"), src, tgt, USER_DATA, "batchSize=25",
                    "syncInterval=100", "progressInterval=1000");
            try {
                Poll.until("the first sync process holds the target", Duration.ofSeconds(30),
                        () -> first.isAlive() && holder(tgt) != null
                                && String.valueOf(first.pid()).equals(holder(tgt).processId));
                Holder held = holder(tgt);
                assertEquals(InetAddress.getLocalHost().getHostName(), held.host);

                JobOutcome second = runner(JobType.SYNC, config, src, tgt.dataSource(), true, false).runHere();
                assertEquals(JobOutcome.Status.FAILED, second.getStatus());
                assertEquals("sync refused: another sync holds the target database 'tgt' (PostgreSQL): process "
                        + first.pid() + " on host " + held.host + ", since " + held.since + ". Stop that sync first "
                        + "(Ctrl-C, or kill " + first.pid() + " on " + held.host + "; for an IS server started with "
                        + "-DsyncData, stop that server). If it cannot be stopped, start this sync with --take-over "
                        + "(-DtakeOver for an IS server): the other sync then commits nothing more there and ends "
                        + "with an ERROR", second.getMessage());
                assertEquals(held.epoch, holder(tgt).epoch, "the refused sync took nothing");
                // the first goes on syncing
                exec(src.dataSource(), "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, "
                        + "DATA_VALUE) VALUES (-1234, 'bob', 'k', 'one')");
                Poll.until("the first sync copies bob", Duration.ofSeconds(30), () -> "one".equals(value(tgt, "bob")));

                JobOutcome clean = runner(JobType.CLEAN, config, src, tgt.dataSource(), false, false).runHere();
                assertEquals(JobOutcome.Status.FAILED, clean.getStatus());
                assertEquals("clean refused: another sync holds the target database 'tgt' (PostgreSQL): process "
                        + first.pid() + " on host " + held.host + ", since " + held.since + ". Stop that sync first "
                        + "(Ctrl-C, or kill " + first.pid() + " on " + held.host + "; for an IS server started with "
                        + "-DsyncData, stop that server): clean must not run while a sync writes there",
                        clean.getMessage());
                assertTrue(tableExists(src, "syn_j_user_data"), "clean dropped nothing");

                // kill -9: the hold is never given up; a restart takes it once it is not renewed
                first.destroyForcibly();
                assertEquals(137, first.waitFor());
                exec(src.dataSource(), "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'two' WHERE USER_NAME = 'bob'");
                long start = System.nanoTime();
                Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(45));
                long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertTrue(waited < 20, "the restart waited " + waited + " s for the killed holder's hold");
                assertEquals("two", value(tgt, "bob"));
                assertEquals(rows(src), rows(tgt));
                assertNull(holder(tgt).host, "the drain gave the target up when it ended");

                JobOutcome cleaned = runner(JobType.CLEAN, config, src, tgt.dataSource(), false, false).runHere();
                assertEquals(JobOutcome.Status.SUCCEEDED, cleaned.getStatus(), cleaned.getMessage());
                assertFalse(tableExists(tgt, "syn_owner"), "clean drops the owner table");
            } finally {
                first.destroyForcibly();
            }
        }
    }

    @Test
    void aPausedHolderThatIsTakenOverNeverCommits() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            SyncConfiguration config = prepared(src, tgt);
            exec(src.dataSource(), "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (-1234, 'alice', 'k', 's1')");
            PausingTarget paused = new PausingTarget(tgt.dataSource());
            JobRunner p1 = runner(JobType.SYNC, config, src, paused.dataSource(), false, false);
            p1.start();
            try {
                // P1 has read E1 and fetched s1; its target transaction waits
                assertTrue(paused.reached.await(30, TimeUnit.SECONDS), "P1 reached its target transaction");
                exec(src.dataSource(), "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 's2' WHERE USER_NAME = 'alice'");

                JobOutcome p2 = runner(JobType.SYNC, config, src, tgt.dataSource(), true, true).runHere();
                assertEquals(JobOutcome.Status.SUCCEEDED, p2.getStatus(), p2.getMessage());
                assertEquals("s2", value(tgt, "alice"));
                assertEquals(0, journal(src), "P2 consumed E1 and E2");
            } finally {
                paused.release.countDown();
            }
            JobOutcome outcome = p1.await(60, TimeUnit.SECONDS);
            assertNotNull(outcome, "P1 ended");
            assertEquals(JobOutcome.Status.FAILED, outcome.getStatus());
            assertEquals(FENCED, outcome.getMessage());
            Poll.until("P1's paused transaction ended", Duration.ofSeconds(30), paused.ended::get);
            // released, P1 wrote s1 in its transaction; the epoch check stopped the commit
            assertTrue(paused.statements.stream().anyMatch(s -> s.startsWith("INSERT INTO IDN_IDENTITY_USER_DATA")
                    || s.startsWith("UPDATE IDN_IDENTITY_USER_DATA")), String.valueOf(paused.statements));
            assertTrue(paused.statements.contains(
                    "UPDATE SYN_OWNER SET HEARTBEAT = HEARTBEAT + 1 WHERE ID = 1 AND EPOCH = ?"),
                    String.valueOf(paused.statements));
            assertFalse(paused.committed.get(), "the paused transaction never committed");
            assertEquals("s2", value(tgt, "alice"), "P1's s1 is not on the target");

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(45));
            assertEquals(rows(src), rows(tgt));
            assertEquals("s2", value(tgt, "alice"));
        }
    }

    /** Where a process is cheap to share: two jobs in this JVM, the second refused. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "MARIADB"})
    void aSecondJobRefuses(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = prepared(src, tgt);
            JobRunner first = runner(JobType.SYNC, config, src, tgt.dataSource(), false, false);
            first.start();
            try {
                Poll.until("the first sync holds the target", Duration.ofSeconds(30), () -> holder(tgt) != null);
                Holder held = holder(tgt);
                assertEquals(String.valueOf(ProcessHandle.current().pid()), held.processId);
                JobOutcome second = runner(JobType.SYNC, config, src, tgt.dataSource(), true, false).runHere();
                assertEquals(JobOutcome.Status.FAILED, second.getStatus());
                assertTrue(second.getMessage().startsWith("sync refused: another sync holds the target database "
                        + "'tgt' (" + (kind == DatabaseKind.H2 ? "H2" : "MySQL/MariaDB") + "): process "
                        + held.processId + " on host " + held.host + ", since " + held.since + ". "),
                        second.getMessage());
                assertEquals(held.epoch, holder(tgt).epoch);
            } finally {
                assertTrue(first.stop(30_000));
            }
            assertEquals(JobOutcome.Status.STOPPED, first.await(1, TimeUnit.SECONDS).getStatus());
            assertNull(holder(tgt).host, "a stopped sync gives the target up");
        }
    }

    private static SyncConfiguration prepared(TestDatabase src, TestDatabase tgt) throws Exception {
        IsSchema.create(src, "5.9.0");
        IsSchema.create(tgt, "5.9.0");
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", USER_DATA, "batchSize=25", "syncInterval=100",
                "progressInterval=1000");
        Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
        return config;
    }

    private static JobRunner runner(JobType type, SyncConfiguration config, TestDatabase src, DataSource tgt,
                                    boolean untilDrained, boolean takeOver) {
        DataSourceProvider provider = name -> {
            if ("src".equals(name)) {
                return src.dataSource();
            }
            if ("tgt".equals(name)) {
                return tgt;
            }
            throw new DataSourceLookupException(name);
        };
        return new JobRunner(type, config, provider, new JobOptions(null, untilDrained, takeOver), new EngineJobs());
    }

    /** The owner row as the test reads it; null while there is none. */
    private static Holder holder(TestDatabase db) throws SQLException {
        if (!tableExists(db, "syn_owner")) {
            return null;
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT HOST, PROCESS_ID, SINCE, EPOCH FROM SYN_OWNER WHERE ID = 1")) {
            return rs.next() ? new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)) : null;
        }
    }

    private static boolean tableExists(TestDatabase db, String name) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)
                        && (db.kind() != DatabaseKind.H2 || !"INFORMATION_SCHEMA".equals(rs.getString(2)))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String value(TestDatabase db, String user) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DATA_VALUE FROM IDN_IDENTITY_USER_DATA WHERE TENANT_ID = -1234 AND USER_NAME = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Every row of the table, in key order, column by column as text. */
    private static List<List<String>> rows(TestDatabase db) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE FROM "
                     + "IDN_IDENTITY_USER_DATA ORDER BY TENANT_ID, USER_NAME, DATA_KEY")) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getString(4))));
            }
        }
        assertFalse(rows.isEmpty());
        return rows;
    }

    private static long journal(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SYN_J_USER_DATA")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private record Holder(String host, String processId, String since, long epoch) {
    }

    /**
     * The target as P1 sees it: its first target transaction (the first {@code setAutoCommit(false)}) waits at its
     * start until released, deaf to interrupts as a paused process is; what that transaction then does is recorded.
     */
    private static final class PausingTarget {
        private final DataSource target;
        private final AtomicBoolean armed = new AtomicBoolean(true);
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> statements = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean committed = new AtomicBoolean();
        final AtomicBoolean ended = new AtomicBoolean();

        PausingTarget(DataSource target) {
            this.target = target;
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(target, method, args);
                        return "getConnection".equals(method.getName()) ? connection((Connection) result) : result;
                    });
        }

        private Connection connection(Connection real) {
            AtomicBoolean paused = new AtomicBoolean();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        if ("setAutoCommit".equals(name) && Boolean.FALSE.equals(args[0]) && armed.compareAndSet(true,
                                false)) {
                            paused.set(true);
                            reached.countDown();
                            awaitRelease();
                        }
                        if (paused.get()) {
                            if ("prepareStatement".equals(name)) {
                                statements.add((String) args[0]);
                            } else if ("commit".equals(name)) {
                                committed.set(true);
                            } else if ("close".equals(name)) {
                                ended.set(true);
                            }
                        }
                        return invoke(real, method, args);
                    });
        }

        private void awaitRelease() throws SQLException {
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            try {
                while (true) {
                    try {
                        if (release.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            return;
                        }
                        throw new SQLException("the test never released the paused transaction");
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
                throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
