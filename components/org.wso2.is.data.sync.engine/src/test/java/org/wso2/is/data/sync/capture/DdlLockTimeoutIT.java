/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * An IS session left idle inside a transaction that updated a synced table: prepare and clean wait for it at most
 * ddlLockTimeout per attempt, for at most ddlRetryTime in all, then give up naming that session and leave the
 * catalog as it was; IS writes by other sessions meanwhile each complete within about one lock timeout; once the
 * session ends, prepare and clean succeed.
 */
class DdlLockTimeoutIT {

    /** The held table last: the objects created for the one before it must be dropped again. */
    private static final String TABLES = "IDN_OAUTH2_AUTHORIZATION_CODE,IDN_IDENTITY_USER_DATA";
    private static final long RETRY_MILLIS = 3_000;
    /** The whole primary key: InnoDB locks every row a scan passes, and the held row must not be one of them. */
    private static final String KEY = "WHERE TENANT_ID = -1234 AND DATA_KEY = 'k' AND USER_NAME = ";
    /** Scheduling slack of a busy 2-core build machine on top of the lock timeout. */
    private static final long SLACK_MILLIS = 1_500;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void anIdleTransactionStopsPrepareAndCleanWithinTheirBoundsAndIsWritesGoOn(DatabaseKind kind) throws Exception {
        // MySQL/MariaDB count lock_wait_timeout in whole seconds.
        long lockTimeout = kind == DatabaseKind.MARIADB ? 1_000 : 500;
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", TABLES, "ddlLockTimeout=" + lockTimeout,
                "ddlRetryTime=" + RETRY_MILLIS);
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                        + "VALUES (-1234, 'user" + i + "', 'k', 'v')");
            }
            CaptureIT.exec(src, rows.toArray(new String[0]));
            Set<String> before = Catalog.snapshot(src);

            String session;
            try (Connection blocker = src.dataSource().getConnection()) {
                session = sessionId(blocker, kind);
                holdTable(blocker, kind);
                JobException e = underWrites(src, lockTimeout, () -> assertThrows(JobException.class,
                        () -> Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null)));
                String m = e.getMessage();
                assertTrue(m.startsWith("creating trigger SYN_T_USER_DATA"), m);
                assertTrue(m.contains("the sessions holding IDN_IDENTITY_USER_DATA: "), m);
                assertTrue(m.contains("session " + session + " (user " + src.username() + ", application '"), m);
                if (kind == DatabaseKind.POSTGRESQL) {
                    assertTrue(m.contains("application 'dba-cleanup', idle in transaction, holds RowExclusiveLock"), m);
                    assertTrue(m.contains("statement: UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = '?' WHERE"), m);
                    assertTrue(m.contains("(SQLState 55P03)"), m);
                } else {
                    // the test's user lacks PROCESS: its own sessions on the database are the candidates
                    assertTrue(m.contains("session " + session + " (user " + src.username() + ", application '"
                            + "127.0.0.1:"), m);
                    assertTrue(m.contains("(without the PROCESS privilege only this user's sessions are visible"), m);
                }
                // the code table's journal and trigger(s) (and function), the user data journal (and function)
                assertTrue(m.endsWith("the 5 objects created by this run were dropped again"), m);
                assertEquals(before, Catalog.snapshot(src), "nothing is left half-created");
                blocker.rollback();
            }
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            Set<String> prepared = Catalog.snapshot(src);
            assertTrue(prepared.stream().anyMatch(o -> o.startsWith("TRIGGER SYN_T_USER_DATA")), prepared.toString());

            try (Connection blocker = src.dataSource().getConnection()) {
                session = sessionId(blocker, kind);
                holdTable(blocker, kind);
                JobException e = underWrites(src, lockTimeout, () -> assertThrows(JobException.class,
                        () -> Jobs.run(JobType.CLEAN, config, src.dataSource(), tgt.dataSource(), null)));
                assertTrue(e.getMessage().contains("session " + session + " (user "), e.getMessage());
                assertTrue(e.getMessage().contains("the other capture objects of IDN_IDENTITY_USER_DATA on the "
                        + "source database 'src'"), e.getMessage());
                // The held table keeps its whole capture (a journal dropped under its trigger fails IS writes).
                Set<String> left = Catalog.snapshot(src);
                left.removeAll(before);
                assertTrue(left.stream().allMatch(o -> o.contains("USER_DATA")), left.toString());
                assertTrue(left.stream().anyMatch(o -> o.startsWith("TRIGGER SYN_T_USER_DATA")), left.toString());
                assertTrue(left.stream().anyMatch(o -> o.contains("SYN_J_USER_DATA")), left.toString());
                blocker.rollback();
            }
            Jobs.run(JobType.CLEAN, config, src.dataSource(), tgt.dataSource(), null);
            assertEquals(before, Catalog.snapshot(src));
        }
    }

    /** Makes {@code c} a session that updated a row of IDN_IDENTITY_USER_DATA and neither commits nor rolls back. */
    private static void holdTable(Connection c, DatabaseKind kind) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (kind == DatabaseKind.POSTGRESQL) {
                s.execute("SET application_name = 'dba-cleanup'");
            }
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'held' " + KEY + "'user0'");
        }
    }

    private static String sessionId(Connection c, DatabaseKind kind) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                kind == DatabaseKind.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A job run that fails, with the result it returns. */
    private interface Run<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code job} while another session updates rows the held one does not hold, one after another: each
     * update must complete, within the lock timeout and slack (it queues behind a waiting DDL at most that long).
     */
    private static <T> T underWrites(TestDatabase db, long lockTimeout, Run<T> job) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<List<Long>> latencies = writer.submit(() -> {
                List<Long> millis = new ArrayList<>();
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    // a write stuck behind an unbounded DDL fails the test instead of hanging it
                    s.setQueryTimeout(30);
                    for (int i = 0; !done.get(); i++) {
                        long start = System.nanoTime();
                        assertEquals(1, s.executeUpdate("UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'w" + i
                                + "' " + KEY + "'user" + (1 + i % 4) + "'"));
                        millis.add((System.nanoTime() - start) / 1_000_000);
                    }
                }
                return millis;
            });
            long start = System.nanoTime();
            T result = job.run();
            long took = (System.nanoTime() - start) / 1_000_000;
            done.set(true);
            List<Long> writes = latencies.get(60, TimeUnit.SECONDS);
            assertTrue(took >= 2 * lockTimeout, "retried: gave up after " + took + " ms");
            assertTrue(took <= RETRY_MILLIS + lockTimeout + 10 * SLACK_MILLIS, "gave up after " + took + " ms");
            assertNotEquals(0, writes.size());
            long max = Collections.max(writes);
            assertTrue(max <= lockTimeout + SLACK_MILLIS, "slowest IS write " + max + " ms of " + writes.size());
            return result;
        } finally {
            done.set(true);
            writer.shutdownNow();
        }
    }
}
