/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Lag at a held rate. Four writers issue tokens (1 token + 3 scopes = 4 captured changes a transaction) at a fixed
 * total of 1,000 changes/s, paced by the clock, while sync runs as in production (not until drained). Each writer
 * notes the time its commit returned, per token id. A poller on the target asks every 50 ms which of the
 * committed, not yet seen token ids are there, and notes the time of that query. Lag of a token = first seen -
 * committed, both from this JVM's monotonic clock, so no clock of a database enters; it is end to end (journal
 * read, source read, target write and commit) and may overstate by up to one poll interval plus the poll's own
 * time. A token is seen together with its scopes (one target transaction). In log mode the same, with the
 * sync's log pump between the commit and the target's journal.
 */
final class LagPhase {

    private static final long POLL_MILLIS = 50;

    static final class Result {
        long syncInterval;
        int seconds;
        double changesPerSecond;
        long tokens;
        double p50;
        double p99;
        double max;
        long unseen;
    }

    private record Committed(String id, long nanos) {
    }

    private LagPhase() {
    }

    static Result run(BenchDatabase bdb, long syncInterval, int seconds, String captureMode) throws Exception {
        Result r = new Result();
        r.syncInterval = syncInterval;
        r.seconds = seconds;
        Tokens tokens = new Tokens(7_000 + syncInterval);
        try (TestDatabase src = bdb.fresh(); TestDatabase tgt = bdb.freshTarget()) {
            Engine.cleaningUp(src.dataSource(), tgt.dataSource(), captureMode, () -> {
                measure(src, tgt, r, tokens, captureMode);
                return null;
            });
        }
        Log.line("  lag (%s) at syncInterval %,d ms, %,.0f changes/s for %d s (%,d tokens): p50 %,.0f ms, "
                + "p99 %,.0f ms, max %,.0f ms%s", captureMode, syncInterval, r.changesPerSecond, seconds, r.tokens, r.p50, r.p99,
                r.max, r.unseen > 0 ? ", " + r.unseen + " never seen" : "");
        return r;
    }

    private static void measure(TestDatabase src, TestDatabase tgt, Result r, Tokens tokens, String captureMode)
            throws Exception {
        long syncInterval = r.syncInterval;
        int seconds = r.seconds;
        List<Double> lags = Collections.synchronizedList(new ArrayList<>());
        Engine.prepare(src.dataSource(), tgt.dataSource(), captureMode);
        try (HikariDataSource sp = BenchDatabase.pool(src, "lag-source");
             HikariDataSource tp = BenchDatabase.pool(tgt, "lag-target")) {
            JobRunner sync = Engine.runner(JobType.SYNC, Engine.config(Options.BATCH_SIZE, syncInterval,
                    captureMode), sp, tp, false);
            sync.start();
            Thread.sleep(1500);
            ConcurrentLinkedQueue<Committed> committed = new ConcurrentLinkedQueue<>();
            AtomicLong next = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(Options.WRITERS + 1);
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            // 4 changes a transaction: one transaction every 16 ms per writer for 1,000 changes/s in all
            long period = TimeUnit.SECONDS.toNanos(1) * Options.WRITERS * 4 / Options.LAG_CHANGES_PER_SECOND;
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < Options.WRITERS; w++) {
                long offset = period * w / Options.WRITERS;
                writers.add(pool.submit(() -> write(src, tokens, next, committed, start + offset, period, end)));
            }
            Future<Long> poller = pool.submit(() -> poll(tgt, committed, lags, end, syncInterval));
            long issued = 0;
            for (Future<Integer> f : writers) {
                issued += f.get();
            }
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            r.unseen = poller.get();
            pool.shutdown();
            sync.stop(30_000);
            r.tokens = issued;
            r.changesPerSecond = issued * 4 / writeSeconds;
        }
        double[] sorted = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        r.p50 = percentile(sorted, 0.50);
        r.p99 = percentile(sorted, 0.99);
        r.max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    private static int write(TestDatabase src, Tokens tokens, AtomicLong next, ConcurrentLinkedQueue<Committed> out,
                             long first, long period, long end) throws Exception {
        int n = 0;
        try (Connection c = src.dataSource().getConnection();
             PreparedStatement token = c.prepareStatement(Tokens.INSERT_TOKEN);
             PreparedStatement scope = c.prepareStatement(Tokens.INSERT_SCOPE)) {
            c.setAutoCommit(false);
            for (long due = first; due < end; due += period) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Object[] row = tokens.token(next.getAndIncrement());
                Tokens.issue(token, scope, row);
                c.commit();
                out.add(new Committed((String) row[0], System.nanoTime()));
                n++;
            }
        }
        return n;
    }

    /** Returns how many committed tokens were never seen on the target. */
    private static long poll(TestDatabase tgt, ConcurrentLinkedQueue<Committed> committed, List<Double> lags,
                             long writersEnd, long syncInterval) throws Exception {
        Map<String, Long> pending = new LinkedHashMap<>();
        long giveUp = writersEnd + TimeUnit.MILLISECONDS.toNanos(3 * syncInterval + 20_000);
        try (Connection c = tgt.dataSource().getConnection()) {
            c.setAutoCommit(true);
            while (true) {
                for (Committed k = committed.poll(); k != null; k = committed.poll()) {
                    pending.put(k.id(), k.nanos());
                }
                long now = System.nanoTime();
                if (now > writersEnd + TimeUnit.MILLISECONDS.toNanos(200) && pending.isEmpty()
                        && committed.isEmpty()) {
                    return 0;
                }
                if (now > giveUp) {
                    return pending.size();
                }
                List<String> ids = new ArrayList<>(pending.keySet());
                for (int from = 0; from < ids.size(); from += 500) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                    String sql = "SELECT TOKEN_ID FROM " + Tokens.TABLE + " WHERE TOKEN_ID IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
                    long asked = System.nanoTime();
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setString(i + 1, chunk.get(i));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                Long at = pending.remove(rs.getString(1));
                                if (at != null) {
                                    lags.add(Math.max(0, asked - at) / 1e6);
                                }
                            }
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

}
