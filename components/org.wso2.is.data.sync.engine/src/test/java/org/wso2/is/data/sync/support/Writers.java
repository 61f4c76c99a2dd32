/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.demo.IsTraffic;

/**
 * {@link IsTraffic} writers that keep writing until told to stop, for tests whose disruption (a kill, an
 * outage) takes an unknown time and must happen under traffic.
 */
public final class Writers implements AutoCloseable {

    /** Transactions per call of {@link IsTraffic#run}: small, so a stop is seen soon. */
    private static final int ROUND = 5;

    /**
     * Transactions {@link #stop()} waits for: the tests claim a substantial workload ran, and on a fast machine
     * the disruption they wait for can pass before that many committed.
     */
    private static final int AT_LEAST = 200;

    private final AtomicInteger total = new AtomicInteger();

    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService pool;
    private final List<Future<Integer>> done = new ArrayList<>();

    private Writers(DataSource db, int count) {
        pool = Executors.newFixedThreadPool(count);
        for (int w = 0; w < count; w++) {
            IsTraffic workload = new IsTraffic(db, ProductVersion.V5_9_0, w, 7L * w + 1, 0.15);
            done.add(pool.submit(() -> {
                int committed = 0;
                while (!stop.get()) {
                    // IsTraffic counts its commits over all its runs
                    int now = workload.run(ROUND);
                    total.addAndGet(now - committed);
                    committed = now;
                }
                return committed;
            }));
        }
        pool.shutdown();
    }

    /**
     * Runs {@code count} writers of IS {@code version} on {@code db} at once, each committing {@code transactions}
     * transactions (seeds {@code seed}, {@code seed + 1}, ...), and returns how many they committed in all.
     */
    public static int runConcurrently(DataSource db, ProductVersion version, int count, long seed, int transactions)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> committed = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                IsTraffic traffic = new IsTraffic(db, version, w, seed + w, 0.15);
                committed.add(pool.submit(() -> traffic.run(transactions)));
            }
            int total = 0;
            for (Future<Integer> f : committed) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    /** Starts {@code count} writers on {@code db}. */
    public static Writers start(DataSource db, int count) {
        return new Writers(db, count);
    }

    /**
     * Stops the writers after their current round, once they committed {@value #AT_LEAST} transactions in all
     * (waiting at most a minute for that); returns how many they committed.
     */
    public int stop() throws Exception {
        Poll.until(AT_LEAST + " transactions committed", Duration.ofMinutes(1), () -> total.get() >= AT_LEAST
                || done.stream().anyMatch(Future::isDone));
        stop.set(true);
        int committed = 0;
        for (Future<Integer> f : done) {
            committed += f.get();
        }
        return committed;
    }

    /** For a test that failed before {@link #stop()}: no writer outlives it. */
    @Override
    public void close() {
        stop.set(true);
        pool.shutdownNow();
    }
}
