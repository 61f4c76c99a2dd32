/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap figures of a child JVM: the peak as the sum of the heap pools' peak usage (MemoryPoolMXBean), and the
 * largest heap in use right after a GC (the live set), printed as "RESULT key=value" lines for the parent.
 */
final class HeapWatch {

    private final AtomicLong maxAfterGc = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();

    private HeapWatch() {
    }

    /** Starts listening to every collection of this JVM. */
    static HeapWatch start() {
        HeapWatch w = new HeapWatch();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                w.heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> u : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (w.heapPools.contains(u.getKey())) {
                            used += u.getValue().getUsed();
                        }
                    }
                    w.maxAfterGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return w;
    }

    /** Prints peak_heap_mb, peak_heap_committed_mb, live_heap_after_gc_max_mb, gc_count, gc_ms and max_heap_mb. */
    void printResults() {
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
        System.out.println("RESULT peak_heap_mb=" + mb(peak));
        System.out.println("RESULT peak_heap_committed_mb=" + mb(committed));
        System.out.println("RESULT live_heap_after_gc_max_mb=" + mb(maxAfterGc.get()));
        System.out.println("RESULT gc_count=" + gcs);
        System.out.println("RESULT gc_ms=" + gcMillis);
        System.out.println("RESULT max_heap_mb=" + mb(Runtime.getRuntime().maxMemory()));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
