/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;

/**
 * The sync process of the memory figure: {@code sync --until-drained} over HikariCP pools, as the launcher runs it,
 * in a JVM of its own (the parent gives it bin/data-sync's default heap, -Xms64m -Xmx512m). The databases come from
 * the environment (BENCH_SOURCE_URL, _USER, _PASSWORD, and the same for TARGET). At the end it prints "RESULT
 * key=value" lines: the drain's time, the heap figures of {@link HeapWatch}, and where the time went (JDBC calls).
 */
public final class SyncChild {

    private SyncChild() {
    }

    public static void main(String[] args) throws Exception {
        int batchSize = Integer.parseInt(System.getenv().getOrDefault("BENCH_BATCH_SIZE", "1000"));
        HeapWatch heap = HeapWatch.start();
        SqlTimer timer = new SqlTimer();
        int status = 0;
        try (HikariDataSource source = BenchDatabase.pool(System.getenv("BENCH_SOURCE_URL"),
                     System.getenv("BENCH_SOURCE_USER"), System.getenv("BENCH_SOURCE_PASSWORD"), "child-source");
             HikariDataSource target = BenchDatabase.pool(System.getenv("BENCH_TARGET_URL"),
                     System.getenv("BENCH_TARGET_USER"), System.getenv("BENCH_TARGET_PASSWORD"), "child-target")) {
            long nanos = Engine.drain(timer.wrap(source, "source"), timer.wrap(target, "target"), batchSize);
            System.out.println("RESULT drain_ms=" + nanos / 1_000_000);
            heap.printResults();
            for (String line : timer.report(nanos)) {
                System.out.println("BREAKDOWN " + line);
            }
            for (String label : new String[] {"source: SELECT SYN_J_TOKEN", "source: SELECT SYN_J_TOKEN_SCOPE"}) {
                double[] t = timer.trend(label);
                if (t != null) {
                    System.out.println(String.format(Locale.ROOT, "TREND %s first10%%=%.2f last10%%=%.2f mean=%.2f "
                            + "calls=%.0f", label.substring(label.indexOf(' ') + 1), t[0], t[1], t[2], t[3]));
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
