/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** An {@code Error} is a failure like any other: a batch it breaks is retried in order, a progress report goes on. */
class ThrowablesIT {

    private static final String USER_DATA = "SELECT USER_NAME || '|' || DATA_KEY || '|' || DATA_VALUE FROM "
            + "IDN_IDENTITY_USER_DATA ORDER BY DATA_KEY";

    /** Thrown by the test's datasources, never by the code under test. */
    static final class Injected extends Error {
        Injected(String where) {
            super("injected into " + where);
        }
    }

    @Test
    void anErrorInAWriteIsRetriedAndTheBatchesCommitInJournalOrder() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2); TestDatabase tgt = TestDatabase.create(DatabaseKind.H2);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            // Ten batches in the journal before the sync starts: while one is written the next is read ahead.
            insertUserData(src, 0, 100);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=10",
                    "syncInterval=200", "progressInterval=1000");
            OrderRecordingTarget target = new OrderRecordingTarget(tgt.dataSource(), 3);

            JobRunner drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), target.dataSource(), true);
            drain.start();
            JobOutcome outcome = drain.await(60, TimeUnit.SECONDS);
            if (outcome == null) {
                drain.stop(30_000);
            }
            assertEquals(JobOutcome.Status.SUCCEEDED, outcome == null ? null : outcome.getStatus(),
                    "the drain ends: " + log.lines());

            assertEquals(0, target.errorsLeft.get(), "every injected error was thrown");
            assertTrue(log.indexOf(Level.ERROR, "injected into the commit of batch", 0) >= 0, log.lines().toString());
            List<String> sorted = new ArrayList<>(target.committed);
            Collections.sort(sorted);
            assertEquals(sorted, target.committed, "the keys were committed in the order they were journaled");
            assertEquals(100, target.committed.size());
            assertEquals(CaptureIT.query(src, USER_DATA), CaptureIT.query(tgt, USER_DATA));
        }
    }

    @Test
    void aProgressReportThatThrowsIsToldAndTheNextReportComes() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2); TestDatabase tgt = TestDatabase.create(DatabaseKind.H2);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=10",
                    "syncInterval=200", "progressInterval=1000");
            AtomicInteger failures = new AtomicInteger(2);
            DataSource source = throwingOnProgressThread(src.dataSource(), failures);
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), false);
            sync.start();
            try {
                Poll.until("two reports fail, and a later one comes", Duration.ofSeconds(20), () -> {
                    int failed = log.indexOf(Level.ERROR, "Progress: this report failed", 0);
                    int second = failed < 0 ? -1 : log.indexOf(Level.ERROR, "Progress: this report failed", failed + 1);
                    return second >= 0 && log.indexOf(Level.INFO, "IDN_IDENTITY_USER_DATA: 0 changes applied",
                            second + 1) > second;
                });
            } finally {
                assertTrue(sync.stop(30_000), "the sync stops");
            }
            assertEquals(0, failures.get());
            assertTrue(log.indexOf(Level.ERROR, "injected into the progress report", 0) >= 0, log.lines().toString());
        }
    }

    private static void insertUserData(TestDatabase db, int from, int to) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (int i = from; i < to; i++) {
                s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                        + "VALUES (-1234, 'alice', '" + String.format("k%03d", i) + "', 'v" + i + "')");
            }
        }
    }

    /**
     * A source whose connections, asked for by the progress report, throw an Error the first times (the capture
     * check runs on the same thread, and gets its connections).
     */
    private static DataSource throwingOnProgressThread(DataSource real, AtomicInteger failures) {
        return (DataSource) Proxy.newProxyInstance(ThrowablesIT.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && fromProgressReport()
                            && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new Injected("the progress report");
                    }
                    return invoke(real, method, args);
                });
    }

    private static boolean fromProgressReport() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(
                SyncProgress.class.getName()) && f.getMethodName().equals("report")));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The target: records the DATA_KEY values each committed transaction inserted, in commit order, and throws an
     * Error instead of the commit of the first batches that insert user data.
     */
    private static final class OrderRecordingTarget {
        private final DataSource real;
        private final AtomicInteger errorsLeft;
        private final List<String> committed = Collections.synchronizedList(new ArrayList<>());

        OrderRecordingTarget(DataSource real, int errors) {
            this.real = real;
            this.errorsLeft = new AtomicInteger(errors);
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(ThrowablesIT.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result = invoke(real, method, args);
                        return result instanceof Connection ? connection((Connection) result) : result;
                    });
        }

        private Connection connection(Connection c) {
            List<String> pending = new ArrayList<>();
            return (Connection) Proxy.newProxyInstance(ThrowablesIT.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "commit":
                                if (!pending.isEmpty() && errorsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                    throw new Injected("the commit of batch " + pending);
                                }
                                invoke(c, method, args);
                                committed.addAll(pending);
                                pending.clear();
                                return null;
                            case "rollback":
                                pending.clear();
                                return invoke(c, method, args);
                            case "prepareStatement":
                                Object ps = invoke(c, method, args);
                                return ((String) args[0]).startsWith("INSERT INTO IDN_IDENTITY_USER_DATA")
                                        ? recording((PreparedStatement) ps, pending) : ps;
                            default:
                                return invoke(c, method, args);
                        }
                    });
        }

        private static PreparedStatement recording(PreparedStatement ps, List<String> pending) {
            return (PreparedStatement) Proxy.newProxyInstance(ThrowablesIT.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("set") && args != null && args.length == 2
                                && args[1] instanceof String && ((String) args[1]).matches("k\\d{3}")) {
                            pending.add((String) args[1]);
                        }
                        return invoke(ps, method, args);
                    });
        }
    }
}
