/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Capture cost: IS-like token issue (1 token + 3 scopes a transaction, 4 writers, each on its own connection) on a
 * fresh IS 5.9.0 database, without capture and with the engine's capture (prepare), the same number of
 * transactions from an empty table each time. Rounds alternate the order; the figure is the ratio of the medians.
 */
final class CapturePhase {

    static final class Result {
        final List<Double> without = new ArrayList<>();
        final List<Double> with = new ArrayList<>();
        double withoutMedian;
        double withMedian;
    }

    private CapturePhase() {
    }

    static Result run(BenchDatabase bdb, Options o) throws Exception {
        Result r = new Result();
        // warm-up of the client (JIT) and the server, thrown away
        measure(bdb, false, 2_000, 999);
        for (int round = 0; round < o.captureRounds; round++) {
            boolean[] order = round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
            for (boolean capture : order) {
                double tps = measure(bdb, capture, o.captureTransactions, round * 2 + (capture ? 1 : 0));
                (capture ? r.with : r.without).add(tps);
                Log.line("  capture %-7s round %d: %,.0f tx/s", capture ? "on" : "off", round + 1, tps);
            }
        }
        r.withoutMedian = median(r.without);
        r.withMedian = median(r.with);
        return r;
    }

    /** Transactions per second of 4 writers issuing {@code transactions} tokens in all. */
    static double measure(BenchDatabase bdb, boolean capture, int transactions, long seed) throws Exception {
        try (TestDatabase db = bdb.fresh(); TestDatabase prepareTarget = bdb.empty()) {
            if (capture) {
                Engine.prepare(db.dataSource(), prepareTarget.dataSource());
            }
            Tokens tokens = new Tokens(seed);
            AtomicLong next = new AtomicLong();
            int writers = Options.WRITERS;
            CountDownLatch ready = new CountDownLatch(writers);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Callable<Integer> writer = () -> {
                    try (Connection c = db.dataSource().getConnection();
                         PreparedStatement token = c.prepareStatement(Tokens.INSERT_TOKEN);
                         PreparedStatement scope = c.prepareStatement(Tokens.INSERT_SCOPE)) {
                        c.setAutoCommit(false);
                        ready.countDown();
                        go.await();
                        int n = 0;
                        for (long i = next.getAndIncrement(); i < transactions; i = next.getAndIncrement()) {
                            Tokens.issue(token, scope, tokens.token(i));
                            c.commit();
                            n++;
                        }
                        return n;
                    }
                };
                done.add(pool.submit(writer));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            int committed = 0;
            for (Future<Integer> f : done) {
                committed += f.get();
            }
            long nanos = System.nanoTime() - start;
            pool.shutdown();
            return committed / (nanos / 1e9);
        }
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
