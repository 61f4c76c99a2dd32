/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The sync process of the memory figure: {@code sync --until-drained} over HikariCP pools, as the launcher runs it,
 * in a JVM of its own (the parent gives it bin/data-sync's default heap, -Xms64m -Xmx512m). The databases come from
 * the environment (BENCH_SOURCE_URL, _USER, _PASSWORD, and the same for TARGET). At the end it prints "RESULT key=value" lines: the heap's peak as the
 * sum of the heap pools' peak usage (MemoryPoolMXBean), the largest heap in use right after a GC (the live set),
 * and where the time went (JDBC calls).
 */
public final class SyncChild {

    private SyncChild() {
    }

    public static void main(String[] args) throws Exception {
        int batchSize = Integer.parseInt(System.getenv().getOrDefault("BENCH_BATCH_SIZE", "1000"));
        AtomicLong maxAfterGc = new AtomicLong();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = 0;
                    for (java.util.Map.Entry<String, MemoryUsage> u
                            : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(u.getKey())) {
                            used += u.getValue().getUsed();
                        }
                    }
                    maxAfterGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        SqlTimer timer = new SqlTimer();
        int status = 0;
        try (HikariDataSource source = BenchDatabase.pool(System.getenv("BENCH_SOURCE_URL"),
                     System.getenv("BENCH_SOURCE_USER"), System.getenv("BENCH_SOURCE_PASSWORD"), "child-source");
             HikariDataSource target = BenchDatabase.pool(System.getenv("BENCH_TARGET_URL"),
                     System.getenv("BENCH_TARGET_USER"), System.getenv("BENCH_TARGET_PASSWORD"), "child-target")) {
            long nanos = Engine.drain(timer.wrap(source, "source"), timer.wrap(target, "target"), batchSize);
            long peak = 0;
            long committed = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                    committed += pool.getPeakUsage().getCommitted();
                }
            }
            long gcs = 0;
            long gcMillis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcs += Math.max(0, gc.getCollectionCount());
                gcMillis += Math.max(0, gc.getCollectionTime());
            }
            System.out.println("RESULT drain_ms=" + nanos / 1_000_000);
            System.out.println("RESULT peak_heap_mb=" + mb(peak));
            System.out.println("RESULT peak_heap_committed_mb=" + mb(committed));
            System.out.println("RESULT live_heap_after_gc_max_mb=" + mb(maxAfterGc.get()));
            System.out.println("RESULT gc_count=" + gcs);
            System.out.println("RESULT gc_ms=" + gcMillis);
            System.out.println("RESULT max_heap_mb=" + mb(Runtime.getRuntime().maxMemory()));
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

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
