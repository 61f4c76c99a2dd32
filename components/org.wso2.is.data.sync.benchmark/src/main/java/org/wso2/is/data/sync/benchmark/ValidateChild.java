/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobType;

/**
 * The validate process of the scale figure: {@code validate} over HikariCP pools, as the launcher runs it, in a JVM
 * of its own with bin/data-sync's heap. The databases come from the environment (as for {@link SyncChild}). It
 * prints "RESULT key=value" lines: the validation's time and outcome, and the heap figures of {@link HeapWatch}.
 */
public final class ValidateChild {

    private ValidateChild() {
    }

    public static void main(String[] args) {
        HeapWatch heap = HeapWatch.start();
        int status = 0;
        try (HikariDataSource source = BenchDatabase.pool(System.getenv("BENCH_SOURCE_URL"),
                     System.getenv("BENCH_SOURCE_USER"), System.getenv("BENCH_SOURCE_PASSWORD"), "child-source");
             HikariDataSource target = BenchDatabase.pool(System.getenv("BENCH_TARGET_URL"),
                     System.getenv("BENCH_TARGET_USER"), System.getenv("BENCH_TARGET_PASSWORD"), "child-target")) {
            long start = System.nanoTime();
            JobOutcome outcome = Engine.runner(JobType.VALIDATE, Engine.config(Options.BATCH_SIZE,
                    Options.DEFAULT_SYNC_INTERVAL), source, target, false).runHere();
            System.out.println("RESULT validate_ms=" + (System.nanoTime() - start) / 1_000_000);
            System.out.println("RESULT outcome=" + outcome.getStatus());
            System.out.println("RESULT message=" + outcome.getMessage().replace('\n', ' '));
            heap.printResults();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
