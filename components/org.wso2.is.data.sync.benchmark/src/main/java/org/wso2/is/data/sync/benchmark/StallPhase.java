/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedDatabases;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The stall of IS writes while {@code prepare} and {@code clean} run their trigger DDL (issue 12, item 6). Four
 * writers, paced by the clock at 1,000 captured changes/s in all, alternate IS-like transactions on the synced
 * tables: a token issue (1 token + 3 scopes, 4 changes) and a user-data update (1 change), each writer on its own
 * users. A blocker session updates a row of IDN_IDENTITY_USER_DATA that no writer touches and holds that
 * transaction open for 10 s: the trigger DDL on that table waits for it, and every IS write that arrives meanwhile
 * queues behind the waiting DDL, for at most the DDL's lock timeout.
 *
 * <p>Windows, one after the other under the same writers, each starting once the blocker holds its row: prepare
 * (window ends when prepare returns), a baseline of the same length with the same blocker and no DDL (capture
 * installed), clean, and a baseline of clean's length (capture gone). The latency of a write is its own time, from
 * its first statement to its commit returning, as an IS request thread would see it; a write is counted in the
 * window its first statement started in. How far the writers fell behind their schedule (the queue a pool of 4 IS
 * request threads would build while they are stalled) is reported separately; before each window the writers catch
 * up on that backlog, so that it does not spill into the next window.
 */
final class StallPhase {

    static final long BLOCK_MILLIS = 10_000;
    private static final long WARM_UP_MILLIS = 3_000;
    /** The least pause between windows. */
    private static final long GAP_MILLIS = 1_000;
    /**
     * Between windows the writers first catch up on what a stall held back (each within this much of its schedule),
     * so that one window's backlog does not spill into the next; for at most {@link #CATCH_UP_MILLIS}.
     */
    private static final long ON_SCHEDULE_MILLIS = 100;
    private static final long CATCH_UP_MILLIS = 30_000;
    /** A bound on every writer statement: a write stalled this long counts as failed, and the run still ends. */
    private static final int WRITE_TIMEOUT_SECONDS = 60;
    private static final String DATA_KEY = "http://wso2.org/claims/identity/lastLogonTime";
    private static final int USERS_PER_WRITER = 250;
    private static final String BLOCKER_USER = "stall-blocker";

    /** One IS write: when it was due, when it started and ended (this JVM's monotonic clock), what it captured. */
    private record Sample(long due, long start, long end, int changes, boolean failed) {
    }

    /** The writes of one window. */
    static final class Window {
        final String name;
        long from;
        long to;
        int writes;
        int failed;
        long changes;
        double p50;
        double p99;
        double max;
        /** Writes that took longer than 1 s. */
        int overOneSecond;
        /** The furthest a write started behind its due time, ms. */
        double maxBehind;

        Window(String name) {
            this.name = name;
        }

        double seconds() {
            return (to - from) / 1e9;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("window_s", seconds());
            m.put("writes", writes);
            m.put("failed_writes", failed);
            m.put("changes_per_s", changes / seconds());
            m.put("latency_p50_ms", p50);
            m.put("latency_p99_ms", p99);
            m.put("latency_max_ms", max);
            m.put("writes_over_1s", overOneSecond);
            m.put("max_behind_schedule_ms", maxBehind);
            return m;
        }
    }

    /** How one DDL job went. */
    record Ddl(String job, JobOutcome.Status status, String message, double seconds) {
    }

    static final class Result {
        long lockTimeoutMillis;
        long retryTimeMillis;
        Window prepare;
        Window baselineCaptured;
        Window clean;
        Window baselineUncaptured;
        Window baseline;
        Ddl prepareJob;
        Ddl cleanJob;
        int failed;
        final List<String> failures = new ArrayList<>();
        /**
         * When a write failed on MariaDB: InnoDB's latest detected deadlock, or null when InnoDB saw none (a deadlock
         * of metadata locks, which InnoDB does not record).
         */
        String innodbDeadlock;
        /** How long the writers took to get back on schedule before each window. */
        final List<Double> catchUpSeconds = new ArrayList<>();
    }

    private StallPhase() {
    }

    static Result run(BenchDatabase bdb) throws Exception {
        Result r = new Result();
        SyncConfiguration config = Engine.config(Options.BATCH_SIZE, Options.DEFAULT_SYNC_INTERVAL);
        r.lockTimeoutMillis = config.getDdlLockTimeoutMillis();
        r.retryTimeMillis = config.getDdlRetryTimeMillis();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (TestDatabase src = bdb.fresh(); TestDatabase tgt = bdb.empty()) {
            seedUsers(src);
            ExecutorService pool = Executors.newFixedThreadPool(Options.WRITERS + 1);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLongArray behind = new AtomicLongArray(Options.WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            try {
                Tokens tokens = new Tokens(12_000);
                AtomicLong next = new AtomicLong();
                // a token issue (4 changes) and a user-data update (1) alternate: 2.5 changes a transaction
                long period = TimeUnit.SECONDS.toNanos(1) * Options.WRITERS * 5 / 2 / Options.LAG_CHANGES_PER_SECOND;
                long start = System.nanoTime();
                for (int w = 0; w < Options.WRITERS; w++) {
                    int writer = w;
                    long first = start + period * w / Options.WRITERS;
                    writers.add(pool.submit(() -> {
                        write(src, writer, tokens, next, first, period, stop, behind, samples, failures);
                        return null;
                    }));
                }
                Thread.sleep(WARM_UP_MILLIS);
                r.catchUpSeconds.add(catchUp(behind));
                r.prepare = new Window("prepare");
                r.prepareJob = ddlWindow(r.prepare, JobType.PREPARE, config, src, tgt, pool);
                r.catchUpSeconds.add(catchUp(behind));
                r.baselineCaptured = new Window("baseline, capture installed");
                plainWindow(r.baselineCaptured, r.prepare.to - r.prepare.from, src, pool);
                r.catchUpSeconds.add(catchUp(behind));
                r.clean = new Window("clean");
                r.cleanJob = ddlWindow(r.clean, JobType.CLEAN, config, src, tgt, pool);
                r.catchUpSeconds.add(catchUp(behind));
                r.baselineUncaptured = new Window("baseline, no capture");
                plainWindow(r.baselineUncaptured, r.clean.to - r.clean.from, src, pool);
            } finally {
                stop.set(true);
                for (Future<?> f : writers) {
                    f.get(WRITE_TIMEOUT_SECONDS * 2L, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
        }
        if (bdb.kind == DatabaseKind.MARIADB && !failures.isEmpty()) {
            r.innodbDeadlock = latestInnodbDeadlock();
        }
        List<Sample> all = new ArrayList<>(samples);
        for (Window w : List.of(r.prepare, r.baselineCaptured, r.clean, r.baselineUncaptured)) {
            fill(w, all, List.of(w));
        }
        r.baseline = new Window("baseline");
        fill(r.baseline, all, List.of(r.baselineCaptured, r.baselineUncaptured));
        r.failed = (int) all.stream().filter(Sample::failed).count();
        failures.stream().distinct().limit(5).forEach(r.failures::add);
        for (Window w : List.of(r.prepare, r.baselineCaptured, r.clean, r.baselineUncaptured)) {
            Log.line("  %-27s %5.1f s, %,d writes (%,.0f changes/s): p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms, "
                    + "%d over 1 s, at most %,.0f ms behind schedule%s", w.name, w.seconds(), w.writes,
                    w.changes / w.seconds(), w.p50, w.p99, w.max, w.overOneSecond, w.maxBehind,
                    w.failed > 0 ? ", " + w.failed + " FAILED" : "");
        }
        for (Ddl d : List.of(r.prepareJob, r.cleanJob)) {
            Log.line("  %s under a %d s blocker: %s after %.1f s%s", d.job(), BLOCK_MILLIS / 1000, d.status(),
                    d.seconds(), d.status() == JobOutcome.Status.SUCCEEDED ? "" : ": " + d.message());
        }
        Log.line("  writers back on schedule before each window after %s s", r.catchUpSeconds.stream()
                .map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
        r.failures.forEach(f -> Log.line("  failed IS write: %s", f));
        if (!r.failures.isEmpty() && bdb.kind == DatabaseKind.MARIADB) {
            Log.line("  InnoDB's latest detected deadlock: %s", r.innodbDeadlock == null
                    ? "none (so a deadlock of metadata locks)" : System.lineSeparator() + r.innodbDeadlock);
        }
        return r;
    }

    /** The LATEST DETECTED DEADLOCK section of SHOW ENGINE INNODB STATUS (the admin user may read it), or null. */
    private static String latestInnodbDeadlock() throws SQLException {
        try (Connection c = EmbeddedDatabases.mariaDb().adminDataSource().getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW ENGINE INNODB STATUS")) {
            String status = rs.next() ? rs.getString("Status") : "";
            int from = status.indexOf("LATEST DETECTED DEADLOCK");
            if (from < 0) {
                return null;
            }
            int to = status.indexOf("------------\nTRANSACTIONS", from);
            return status.substring(from, to < 0 ? status.length() : to).trim();
        }
    }

    /** Waits {@link #GAP_MILLIS}, then until every writer is back on its schedule; returns the seconds waited. */
    private static double catchUp(AtomicLongArray behind) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(GAP_MILLIS);
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MILLIS);
        while (System.nanoTime() < deadline && !onSchedule(behind)) {
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean onSchedule(AtomicLongArray behind) {
        for (int w = 0; w < behind.length(); w++) {
            if (behind.get(w) > TimeUnit.MILLISECONDS.toNanos(ON_SCHEDULE_MILLIS)) {
                return false;
            }
        }
        return true;
    }

    /** The users whose data the writers update (each writer its own), and the blocker's row. */
    private static void seedUsers(TestDatabase src) throws SQLException {
        try (Connection c = src.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, "
                     + "DATA_KEY, DATA_VALUE) VALUES (?, ?, ?, '0')")) {
            c.setAutoCommit(false);
            for (int w = 0; w < Options.WRITERS; w++) {
                for (int u = 0; u < USERS_PER_WRITER; u++) {
                    add(ps, user(w, u));
                }
            }
            add(ps, BLOCKER_USER);
            ps.executeBatch();
            c.commit();
        }
    }

    private static void add(PreparedStatement ps, String user) throws SQLException {
        ps.setInt(1, Tokens.TENANT);
        ps.setString(2, user);
        ps.setString(3, DATA_KEY);
        ps.addBatch();
    }

    private static String user(int writer, int u) {
        return "stall-user-" + writer + "-" + u;
    }

    private static void write(TestDatabase src, int writer, Tokens tokens, AtomicLong next, long first, long period,
                              AtomicBoolean stop, AtomicLongArray behind, ConcurrentLinkedQueue<Sample> out,
                              ConcurrentLinkedQueue<String> failures) throws Exception {
        try (Connection c = src.dataSource().getConnection();
             PreparedStatement token = c.prepareStatement(Tokens.INSERT_TOKEN);
             PreparedStatement scope = c.prepareStatement(Tokens.INSERT_SCOPE);
             PreparedStatement userData = c.prepareStatement("UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = ? "
                     + "WHERE TENANT_ID = ? AND USER_NAME = ? AND DATA_KEY = ?")) {
            for (PreparedStatement ps : List.of(token, scope, userData)) {
                ps.setQueryTimeout(WRITE_TIMEOUT_SECONDS);
            }
            c.setAutoCommit(false);
            long n = 0;
            for (long due = first; !stop.get(); due += period, n++) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                boolean issue = n % 2 == 0;
                long start = System.nanoTime();
                behind.set(writer, start - due);
                boolean failed = false;
                try {
                    if (issue) {
                        Tokens.issue(token, scope, tokens.token(next.getAndIncrement()));
                    } else {
                        userData.setString(1, Long.toString(System.currentTimeMillis()));
                        userData.setInt(2, Tokens.TENANT);
                        userData.setString(3, user(writer, (int) (n / 2 % USERS_PER_WRITER)));
                        userData.setString(4, DATA_KEY);
                        userData.executeUpdate();
                    }
                    c.commit();
                } catch (SQLException e) {
                    failed = true;
                    failures.add((issue ? "token issue: " : "user-data update: ") + e.getMessage() + " (SQLState "
                            + e.getSQLState() + ")");
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the write is counted as failed already; the next one finds out whether the session lives
                    }
                }
                out.add(new Sample(due, start, System.nanoTime(), issue ? 4 : 1, failed));
            }
        }
    }

    /** Holds a row of IDN_IDENTITY_USER_DATA for {@link #BLOCK_MILLIS}; {@code held} opens once the row is locked. */
    private static Future<?> block(TestDatabase src, ExecutorService pool, CountDownLatch held) {
        return pool.submit(() -> {
            try (Connection c = src.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'held' "
                         + "WHERE TENANT_ID = ? AND USER_NAME = ? AND DATA_KEY = ?")) {
                ps.setQueryTimeout(WRITE_TIMEOUT_SECONDS);
                c.setAutoCommit(false);
                ps.setInt(1, Tokens.TENANT);
                ps.setString(2, BLOCKER_USER);
                ps.setString(3, DATA_KEY);
                ps.executeUpdate();
                held.countDown();
                Thread.sleep(BLOCK_MILLIS);
                c.commit();
            }
            return null;
        });
    }

    private static Ddl ddlWindow(Window w, JobType type, SyncConfiguration config, TestDatabase src,
                                 TestDatabase tgt, ExecutorService pool) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        Future<?> blocker = block(src, pool, held);
        awaitHeld(held, blocker);
        w.from = System.nanoTime();
        JobOutcome outcome = Engine.runner(type, config, src.dataSource(), tgt.dataSource(), false).runHere();
        w.to = System.nanoTime();
        blocker.get(BLOCK_MILLIS + WRITE_TIMEOUT_SECONDS * 1000L, TimeUnit.MILLISECONDS);
        return new Ddl(type.toString(), outcome.getStatus(), outcome.getMessage(), w.seconds());
    }

    private static void plainWindow(Window w, long nanos, TestDatabase src, ExecutorService pool) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        Future<?> blocker = block(src, pool, held);
        awaitHeld(held, blocker);
        w.from = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(nanos);
        w.to = System.nanoTime();
        blocker.get(BLOCK_MILLIS + WRITE_TIMEOUT_SECONDS * 1000L, TimeUnit.MILLISECONDS);
    }

    private static void awaitHeld(CountDownLatch held, Future<?> blocker) throws Exception {
        if (!held.await(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            blocker.cancel(true);
            throw new IllegalStateException("the blocker session did not get its row within " + WRITE_TIMEOUT_SECONDS
                    + " s");
        }
        if (blocker.isDone()) {
            blocker.get();
        }
    }

    private static void fill(Window target, List<Sample> all, List<Window> windows) {
        List<Double> latencies = new ArrayList<>();
        for (Sample s : all) {
            for (Window w : windows) {
                if (s.start() >= w.from && s.start() < w.to) {
                    double ms = (s.end() - s.start()) / 1e6;
                    latencies.add(ms);
                    target.writes++;
                    target.changes += s.failed() ? 0 : s.changes();
                    target.failed += s.failed() ? 1 : 0;
                    target.overOneSecond += ms > 1000 ? 1 : 0;
                    target.maxBehind = Math.max(target.maxBehind, (s.start() - s.due()) / 1e6);
                }
            }
        }
        if (windows.size() > 1) {
            target.from = windows.get(0).from;
            target.to = target.from + windows.stream().mapToLong(w -> w.to - w.from).sum();
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        target.p50 = LagPhase.percentile(sorted, 0.50);
        target.p99 = LagPhase.percentile(sorted, 0.99);
        target.max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
