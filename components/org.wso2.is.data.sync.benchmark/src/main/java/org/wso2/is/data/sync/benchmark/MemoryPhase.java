/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Memory: a backlog of captured changes (tokens with 3 scopes each, so 1 of 4 changes is a token) drained by
 * {@code sync --until-drained} at batchSize 1,000 in a child JVM (SyncChild) with bin/data-sync's default heap,
 * -Xms64m -Xmx512m ({@code --child-heap} sets -Xmx), which reports its peak heap. The drain also gives the apply
 * speed on a token-and-scope backlog.
 */
final class MemoryPhase {

    static final class Result {
        long changes;
        double fillSeconds;
        Map<String, String> child = new LinkedHashMap<>();
        List<String> breakdown = new ArrayList<>();
        List<String> trends = new ArrayList<>();
        List<String> profile = new ArrayList<>();

        double value(String key) {
            String v = child.get(key);
            return v == null ? Double.NaN : Double.parseDouble(v);
        }
    }

    private MemoryPhase() {
    }

    static Result run(BenchDatabase bdb, Options o, Path jfrDir) throws Exception {
        return run(bdb, o, jfrDir, bdb.kind == DatabaseKind.H2 ? o.h2MemoryBacklog : o.memoryBacklog);
    }

    /** The drain of a backlog of {@code changes} captured changes (a multiple of 4). */
    static Result run(BenchDatabase bdb, Options o, Path jfrDir, long changes) throws Exception {
        Result r = new Result();
        long tokensCount = changes / 4;
        r.changes = tokensCount * 4;
        try (TestDatabase src = bdb.fresh(); TestDatabase tgt = bdb.fresh()) {
            Engine.prepare(src.dataSource(), tgt.dataSource());
            long t = System.nanoTime();
            try (Connection c = src.dataSource().getConnection()) {
                new Tokens(4242).fill(c, 0, tokensCount, true);
            }
            r.fillSeconds = (System.nanoTime() - t) / 1e9;
            Log.line("  backlog: %,d changes (%,d tokens + %,d scopes) captured in %.0f s", r.changes, tokensCount,
                    tokensCount * 3, r.fillSeconds);

            Path jfr = jfrDir.resolve(bdb.label + "-memory-child-" + o.mode() + ".jfr");
            ChildJvm.Output out = ChildJvm.run(SyncChild.class, o.childHeap, o.childJfr ? jfr : null, bdb, src, tgt,
                    Map.of("BENCH_BATCH_SIZE", Integer.toString(Options.BATCH_SIZE)));
            r.child.putAll(out.results);
            r.breakdown.addAll(out.breakdown);
            r.trends.addAll(out.trends);
            long tokensThere = BenchDatabase.count(tgt.dataSource(), Tokens.TABLE);
            long scopesThere = BenchDatabase.count(tgt.dataSource(), Tokens.SCOPE_TABLE);
            if (tokensThere != tokensCount || scopesThere != tokensCount * 3) {
                throw new IllegalStateException("the target holds " + tokensThere + " tokens and " + scopesThere
                        + " scopes, expected " + tokensCount + " and " + tokensCount * 3);
            }
            if (o.childJfr) {
                r.profile = JfrSummary.summarize(jfr, 8);
            }
        }
        Log.line("  memory: peak heap %s MB (sum of heap pool peaks), live heap after GC at most %s MB, "
                + Options.LAUNCHER_INITIAL_HEAP + " -Xmx%s; drained in %.1f s (%,.0f changes/s)", r.child.get("peak_heap_mb"),
                r.child.get("live_heap_after_gc_max_mb"), o.childHeap, r.value("drain_ms") / 1000,
                r.changes / (r.value("drain_ms") / 1000));
        return r;
    }
}
