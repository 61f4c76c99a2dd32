/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.testkit.DatabaseKind;

/**
 * The benchmark of the sync (issue 7): per database, capture cost, apply speed (against the plain-insert ceiling
 * and the original tool's row-by-row apply), lag at 1,000 changes/s, the sync's peak heap on a large backlog, and the
 * stall of IS writes while prepare and clean wait behind an open IS transaction;
 * each figure next to the reference of PERFORMANCE.md. Prints a table per database and writes
 * benchmark-results.json. Goals are reported, never asserted: the exit code is 0 unless a phase failed.
 *
 * <p>Run: {@code mvn -B -Pbenchmark verify} from the project root ({@code -Dbenchmark.args=--quick} for the CI-sized
 * run), or the main class directly; see docs/benchmarks.md.
 */
public final class Benchmark {

    /** Issue 14: the apply through the bulk path, against the plain-insert ceiling. */
    static final double BULK_APPLY_GOAL = 0.9;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        long started = System.nanoTime();
        Log.line("is-data-sync benchmark, %s run: %s; %d cores, %.1f GB memory, Java %s", o.mode(), o.databases,
                Runtime.getRuntime().availableProcessors(), totalMemoryGb(), System.getProperty("java.version"));
        Path jfrDir = ApplyPhase.jfrDir();
        String engine = engineJar();
        Log.line("engine: %s", engine);
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Report> reports = new LinkedHashMap<>();
        boolean failed = false;
        for (String database : o.databases) {
            Report report = new Report(database);
            reports.put(database, report);
            results.put(database, report.json);
            long t = System.nanoTime();
            Log.line("== %s ==", database);
            try (BenchDatabase bdb = new BenchDatabase(database)) {
                bdb.start(o);
                Log.line("  server: %s", bdb.settings);
                failed |= !measure(bdb, o, report, jfrDir);
                // frees the cores for the next database
                bdb.stopServers();
            } catch (Exception e) {
                failed = true;
                report.errors.add("server: " + e);
                e.printStackTrace();
            }
            report.json.put("elapsed_s", (System.nanoTime() - t) / 1e9);
            Report.writeJson(o.output, results);
        }
        Log.raw("");
        for (Report r : reports.values()) {
            Log.raw("### " + r.database + " (" + o.mode() + " run)");
            Log.raw("");
            r.table().forEach(Log::raw);
            Log.raw("");
        }
        Report.writeJson(o.output, results);
        Log.line("wrote %s; %s run took %.1f min", o.output.toAbsolutePath().normalize(), o.mode(),
                (System.nanoTime() - started) / 60e9);
        System.exit(failed ? 1 : 0);
    }

    /** All phases for one database; a failed phase is reported and the others still run. */
    private static boolean measure(BenchDatabase bdb, Options o, Report r, Path jfrDir) {
        Map<String, Object> j = r.json;
        Report.Reference ref = r.ref;
        boolean ok = true;
        j.put("mode", o.mode());
        j.put("engine", engineJar());
        j.put("server", bdb.settings);

        try {
            skipUnless(o, "capture");
            j.put("loadavg_before_capture", loadAverage());
            Log.line(" capture cost (4 writers, 1 token + 3 scopes a transaction, %,d transactions a run, %d round%s)",
                    o.captureTransactions, o.captureRounds, o.captureRounds > 1 ? "s" : "");
            CapturePhase.Result c = CapturePhase.run(bdb, o);
            double ratio = c.withMedian / c.withoutMedian;
            j.put("capture_ratio", ratio);
            j.put("capture_tx_per_s_without", c.withoutMedian);
            j.put("capture_tx_per_s_with", c.withMedian);
            j.put("capture_runs_without", c.without);
            j.put("capture_runs_with", c.with);
            if (!c.simplest.isEmpty()) {
                j.put("capture_ratio_simplest_trigger", c.simplestMedian / c.withoutMedian);
                j.put("capture_tx_per_s_simplest_trigger", c.simplestMedian);
                j.put("capture_runs_simplest_trigger", c.simplest);
                j.put("capture_vs_simplest_trigger", c.withMedian / c.simplestMedian);
            }
            r.row("token issue tx/s, no capture", Report.n(c.withoutMedian), ref == null ? "–" : Report.n(ref.txWithout()),
                    ref == null ? "–" : Report.ratio(c.withoutMedian, ref.txWithout()), "");
            r.row("token issue tx/s, capture installed (prepare)", Report.n(c.withMedian),
                    ref == null ? "–" : Report.n(ref.txWith()), ref == null ? "–" : Report.ratio(c.withMedian,
                    ref.txWith()), "");
            r.row("**capture ratio** (with / without)", Report.d2(ratio), ref == null ? "–" : Report.d2(
                    ref.captureRatio()), ref == null ? "–" : Report.ratio(ratio, ref.captureRatio()),
                    ref == null ? "no goal for H2" : r.goal("capture_ratio", ratio >= ref.captureGoal(),
                            "≥ " + ref.captureGoal()));
            if (!c.simplest.isEmpty()) {
                r.row("token issue tx/s, simplest trigger (key + operation into a journal)",
                        Report.n(c.simplestMedian), "–", "–", "");
                r.row("capture ratio of the simplest trigger (same run)", Report.d2(c.simplestMedian
                        / c.withoutMedian), ref == null ? "–" : Report.d2(ref.captureRatio()), "–", "");
                r.row("**engine capture / simplest trigger** (1.00: the engine's capture costs what the simplest does)",
                        Report.d2(c.withMedian / c.simplestMedian), "–", "–", "");
            }
            if (bdb.logCapable()) {
                logCaptureRows(bdb, c, r);
            }
        } catch (Exception e) {
            ok &= fail(r, "capture", e);
        }

        for (String mode : o.captureModes) {
            // triggers keep the keys and rows they always had; log mode's are prefixed and marked
            String p = Engine.LOG.equals(mode) ? "log_" : "";
            String m = Engine.LOG.equals(mode) ? " [log mode]" : "";
            try {
                skipUnless(o, "apply");
                skipUnlessCapable(bdb, mode);
                j.put(p + "loadavg_before_apply", loadAverage());
                Log.line(" apply speed (backlog of %,d captured token inserts)%s", o.applyBacklog, m);
                ApplyPhase.Result a = ApplyPhase.run(bdb, o, jfrDir, mode);
                double ratio = a.apply / a.ceiling;
                double vsRowByRow = a.apply / a.rowByRow;
                j.put(p + "apply_ratio", ratio);
                j.put(p + "apply_rows_per_s", a.apply);
                j.put(p + "ceiling_rows_per_s", a.ceiling);
                j.put(p + "ceiling_before_drain_rows_per_s", a.ceilingBefore);
                j.put(p + "ceiling_after_drain_rows_per_s", a.ceilingAfter);
                j.put(p + "row_by_row_rows_per_s", a.rowByRow);
                j.put(p + "row_by_row_runs_rows_per_s", a.rowByRowRuns);
                j.put(p + "apply_vs_row_by_row", vsRowByRow);
                j.put(p + "apply_backlog_rows", a.backlog);
                j.put(p + "apply_drain_s", a.drainSeconds);
                j.put(p + "backlog_fill_rows_per_s", a.fillRowsPerSecond);
                // log mode has no source journal to probe before the drain
                if (p.isEmpty()) {
                    j.put("journal_first_page_ms", a.journalFirstPageMs);
                    j.put("journal_plan", a.journalPlan);
                }
                if (a.journalReadTrend != null) {
                    j.put(p + "journal_read_ms_first_tenth", a.journalReadTrend[0]);
                    j.put(p + "journal_read_ms_last_tenth", a.journalReadTrend[1]);
                    j.put(p + "journal_read_ms_mean", a.journalReadTrend[2]);
                }
                if (!a.journalStats.isEmpty()) {
                    j.put(p + "journal_stats_after_drain", a.journalStats);
                }
                row(r, m, "**apply rows/s** (sync --until-drained, batchSize 1,000, " + Report.n(a.backlog) + " token rows)",
                        Report.n(a.apply), "–", "–", "");
                row(r, m, "ceiling rows/s (JDBC batches of 1,000 plain INSERTs; mean of " + Report.n(a.ceilingBefore)
                        + " before and " + Report.n(a.ceilingAfter) + " after the drain)", Report.n(a.ceiling),
                        ref == null ? "–" : Report.n(ref.ceiling()), ref == null ? "–" : Report.ratio(a.ceiling,
                        ref.ceiling()), "");
                row(r, m, "**apply ratio** (apply / ceiling)", Report.d2(ratio), ref == null ? "–" : "goal " + ref.applyGoal(),
                        "–", ref == null ? "no goal for H2" : r.goal(p + "apply_ratio", ratio >= ref.applyGoal(),
                                "≥ " + ref.applyGoal()));
                if (ref != null) {
                    row(r, m, "**apply ratio, goal of issue 14** (the bulk path)", Report.d2(ratio), "–", "–",
                            r.goal(p + "apply_ratio_bulk", ratio >= BULK_APPLY_GOAL, "≥ " + BULK_APPLY_GOAL));
                }
                row(r, m, "row by row rows/s (SELECT, then UPDATE or INSERT; median of 3 runs of " + Report.n(o.rowByRowSample)
                        + " rows)",
                        Report.n(a.rowByRow), ref == null ? "–" : Report.n(ref.rowByRow()), ref == null ? "–"
                        : Report.ratio(a.rowByRow, ref.rowByRow()), "");
                row(r, m, "**apply / row by row**", String.format(Locale.ROOT, "%.1fx", vsRowByRow), "–", "–",
                        ref == null ? "no goal for in-process H2 (no round trips to save)"
                        : r.goal(p + "apply_vs_row_by_row", vsRowByRow >= 10, "≥ 10x"));
                if (p.isEmpty()) {
                    r.row("journal read, first page of 1,000 of the just-filled journal, ms", String.format(Locale.ROOT,
                            "%.1f", a.journalFirstPageMs), ref == null ? "–" : String.format(Locale.ROOT, "%.1f (%.1f "
                            + "after ANALYZE)", 1000 * 1000 / ref.journalReadRowsPerS(),
                            1000 * 1000 / ref.journalReadAnalyzedRowsPerS()), "–", "");
                }
                if (a.journalReadTrend != null) {
                    row(r, m, "journal read during the drain, ms a page (first tenth → last tenth)", String.format(Locale.ROOT,
                            "%.1f → %.1f", a.journalReadTrend[0], a.journalReadTrend[1]), "–", "–", "");
                }
                Log.raw("  where the drain's time went (JDBC calls of all sync threads; wall " + String.format(
                        Locale.ROOT, "%.1f s", a.drainSeconds) + "):");
                a.breakdown.forEach(Log::raw);
                Log.raw("  JFR profile of the drain:");
                a.profile.forEach(Log::raw);
                if (!a.journalStats.isEmpty()) {
                    Log.raw("  journal statistics after the drain: " + a.journalStats);
                }
            } catch (Exception e) {
                ok &= fail(r, "apply" + m, e);
            }

            try {
                skipUnless(o, "network");
                skipUnlessCapable(bdb, mode);
                if (bdb.kind == DatabaseKind.H2) {
                    throw new Skipped();
                }
                j.put(p + "loadavg_before_network", loadAverage());
                Log.line(" network: apply, ceiling and row by row through a proxy adding %.1f ms each way%s",
                        NetworkPhase.DELAY.toNanos() / 1e6, m);
                NetworkPhase.Result n = NetworkPhase.run(bdb, o, mode);
                double vsCeiling = n.apply / n.ceiling;
                double vsRowByRow = n.apply / n.rowByRow;
                j.put(p + "network_delay_each_way_ms", NetworkPhase.DELAY.toNanos() / 1e6);
                j.put(p + "network_round_trip_ms", n.roundTripMs);
                j.put(p + "loopback_round_trip_ms", n.loopbackRoundTripMs);
                j.put(p + "network_apply_rows_per_s", n.apply);
                j.put(p + "network_apply_backlog_rows", n.backlog);
                j.put(p + "network_apply_drain_s", n.drainSeconds);
                j.put(p + "network_ceiling_rows_per_s", n.ceiling);
                j.put(p + "network_row_by_row_rows_per_s", n.rowByRow);
                j.put(p + "network_row_by_row_runs_rows_per_s", n.rowByRowRuns);
                j.put(p + "network_apply_ratio", vsCeiling);
                j.put(p + "network_apply_vs_row_by_row", vsRowByRow);
                j.put(p + "loadavg_after_network", loadAverage());
                row(r, m, "round trip through the proxy, ms (SELECT 1, median; direct: " + String.format(Locale.ROOT,
                        "%.3f", n.loopbackRoundTripMs) + ")", String.format(Locale.ROOT, "%.3f", n.roundTripMs), "–", "–",
                        "");
                row(r, m, "network: apply rows/s (" + Report.n(n.backlog) + " token rows)", Report.n(n.apply), "–", "–", "");
                row(r, m, "network: ceiling rows/s", Report.n(n.ceiling), "–", "–", "");
                row(r, m, "network: row by row rows/s (median of 3 runs of " + Report.n(n.rowByRowSample) + " rows)",
                        Report.n(n.rowByRow), "–", "–", "");
                row(r, m, "**network: apply / ceiling**", Report.d2(vsCeiling), "–", "–",
                        r.goal(p + "network_apply_ratio", vsCeiling >= 0.6, "≥ 0.6"));
                row(r, m, "**network: apply / row by row**", String.format(Locale.ROOT, "%.1fx", vsRowByRow), "–", "–",
                        r.goal(p + "network_apply_vs_row_by_row", vsRowByRow >= 10, "≥ 10x"));
                Log.raw("  where the drain's time went through the proxy (JDBC calls of all sync threads; wall "
                        + String.format(Locale.ROOT, "%.1f s", n.drainSeconds) + "):");
                n.breakdown.forEach(Log::raw);
            } catch (Exception e) {
                ok &= fail(r, "network" + m, e);
            }

            try {
                skipUnless(o, "lag");
                skipUnlessCapable(bdb, mode);
                j.put(p + "loadavg_before_lag", loadAverage());
                Log.line(" lag at %,d changes/s%s", Options.LAG_CHANGES_PER_SECOND, m);
                LagPhase.Result l = LagPhase.run(bdb, Options.DEFAULT_SYNC_INTERVAL, o.lagSeconds, mode);
                j.put(p + "lag_p50_ms", l.p50);
                j.put(p + "lag_p99_ms", l.p99);
                j.put(p + "lag_max_ms", l.max);
                j.put(p + "lag_sync_interval_ms", l.syncInterval);
                j.put(p + "lag_changes_per_s", l.changesPerSecond);
                j.put(p + "lag_seconds", l.seconds);
                j.put(p + "lag_tokens", l.tokens);
                j.put(p + "lag_unseen_tokens", l.unseen);
                long bound = l.syncInterval + 1000;
                row(r, m, "lag p50, ms (syncInterval 5,000, " + Report.n(l.changesPerSecond) + " changes/s, " + l.seconds
                        + " s)", Report.n(l.p50), "–", "–", "");
                row(r, m, "**lag p99, ms** (syncInterval 5,000)", Report.n(l.p99), "–", "–",
                        r.goal(p + "lag_p99", l.p99 <= bound && l.unseen == 0, "≤ " + Report.n(bound)));
                if (o.lagLowIntervalSeconds > 0) {
                    LagPhase.Result low = LagPhase.run(bdb, o.lowSyncInterval, o.lagLowIntervalSeconds, mode);
                    j.put(p + "lag_" + o.lowSyncInterval + "ms_p50_ms", low.p50);
                    j.put(p + "lag_" + o.lowSyncInterval + "ms_p99_ms", low.p99);
                    j.put(p + "lag_" + o.lowSyncInterval + "ms_max_ms", low.max);
                    row(r, m, "lag p50 / p99, ms (syncInterval " + Report.n(o.lowSyncInterval) + ", " + low.seconds + " s)",
                            Report.n(low.p50) + " / " + Report.n(low.p99), "–", "–",
                            (low.p99 <= o.lowSyncInterval + 1000 ? "yes" : "no") + " (≤ "
                                    + Report.n(o.lowSyncInterval + 1000) + ", informative)");
                }
            } catch (Exception e) {
                ok &= fail(r, "lag" + m, e);
            }
        }
        compareModes(o, r);

        try {
            skipUnless(o, "memory");
            j.put("loadavg_before_memory", loadAverage());
            Log.line(" memory (backlog of %,d changes, sync in a child JVM with %s)",
                    bdb.kind == DatabaseKind.H2 ? o.h2MemoryBacklog : o.memoryBacklog,
                    Options.LAUNCHER_INITIAL_HEAP + " -Xmx" + o.childHeap);
            MemoryPhase.Result m = MemoryPhase.run(bdb, o, jfrDir);
            double peak = m.value("peak_heap_mb");
            double seconds = m.value("drain_ms") / 1000;
            j.put("peak_heap_mb", peak);
            j.put("memory_child_heap", Options.LAUNCHER_INITIAL_HEAP + " -Xmx" + o.childHeap);
            j.put("live_heap_after_gc_max_mb", m.value("live_heap_after_gc_max_mb"));
            j.put("peak_heap_committed_mb", m.value("peak_heap_committed_mb"));
            j.put("memory_gc_count", m.value("gc_count"));
            j.put("memory_gc_ms", m.value("gc_ms"));
            j.put("memory_backlog_changes", m.changes);
            j.put("memory_drain_s", seconds);
            j.put("memory_drain_changes_per_s", m.changes / seconds);
            j.put("memory_fill_s", m.fillSeconds);
            r.row("**peak heap, MB** (sync child, " + Options.LAUNCHER_INITIAL_HEAP + " -Xmx" + o.childHeap + ", "
                    + Report.n(m.changes) + "-change backlog)",
                    Report.n(peak), "–", "–", r.goal("peak_heap", peak <= 256, "≤ 256"));
            r.row("largest live heap after a GC, MB (same run)", Report.n(m.value("live_heap_after_gc_max_mb")), "–",
                    "–", "");
            r.row("drain of that backlog (tokens + 3 scopes each), changes/s", Report.n(m.changes / seconds), "–",
                    "–", "");
            Log.raw("  where the child's drain time went (JDBC calls):");
            m.breakdown.forEach(b -> Log.raw("  " + b));
            m.trends.forEach(t -> Log.raw("    journal read trend: " + t));
            m.profile.forEach(Log::raw);
        } catch (Exception e) {
            ok &= fail(r, "memory", e);
        }
        try {
            skipUnless(o, "scale");
            if (bdb.kind != DatabaseKind.POSTGRESQL) {
                throw new Skipped();
            }
            j.put("loadavg_before_scale", loadAverage());
            Log.line(" scale (validate of %,d tokens with a scope each, then a drain of %,d changes; child JVMs with "
                    + "%s)", o.scaleTokens, o.scaleBacklog, Options.LAUNCHER_INITIAL_HEAP + " -Xmx" + o.childHeap);
            ScalePhase.Result s = ScalePhase.run(bdb, o, jfrDir);
            double seconds = s.validateSeconds();
            double heap = s.validate.value("peak_heap_mb");
            j.put("scale_tokens", s.tokens);
            j.put("scale_fill_s", s.fillSeconds);
            j.put("scale_validate_s", seconds);
            j.put("scale_validate_token_rows_per_s", s.tokens / seconds);
            j.put("scale_validate_rows_per_s", 2 * 2 * s.tokens / seconds);
            j.put("scale_validate_peak_heap_mb", heap);
            j.put("scale_validate_live_heap_after_gc_max_mb", s.validate.value("live_heap_after_gc_max_mb"));
            j.put("scale_validate_outcome", s.validate.results.get("outcome"));
            j.put("scale_validate_message", s.validate.results.get("message"));
            double drainSeconds = s.drain.value("drain_ms") / 1000;
            j.put("scale_backlog_changes", s.drain.changes);
            j.put("scale_drain_s", drainSeconds);
            j.put("scale_drain_changes_per_s", s.drain.changes / drainSeconds);
            j.put("scale_drain_peak_heap_mb", s.drain.value("peak_heap_mb"));
            r.row("**validate of " + Report.n(s.tokens) + " tokens** (+ a scope each), s", String.format(Locale.ROOT,
                    "%.0f", seconds), "–", "–", r.goal("scale_validate_time", seconds < 180
                    && "SUCCEEDED".equals(s.validate.results.get("outcome")), "< 180 s, identical"));
            r.row("validate rows/s (both tables, both sides)", Report.n(2 * 2 * s.tokens / seconds), "–", "–", "");
            r.row("**validate peak heap, MB**", Report.n(heap), "–", "–", r.goal("scale_validate_heap", heap <= 256,
                    "≤ 256"));
            r.row("drain of " + Report.n(s.drain.changes) + " changes, changes/s", Report.n(s.drain.changes
                    / drainSeconds), "–", "–", "");
            r.row("drain peak heap, MB", Report.n(s.drain.value("peak_heap_mb")), "–", "–", "");
        } catch (Exception e) {
            ok &= fail(r, "scale", e);
        }
        try {
            skipUnless(o, "progress");
            if (bdb.kind == DatabaseKind.H2) {
                throw new Skipped();
            }
            j.put("loadavg_before_progress", loadAverage());
            Log.line(" progress (the queries of one progress line on a journal of %,d entries)", o.progressEntries);
            ProgressPhase.Result p = ProgressPhase.run(bdb, o.progressEntries);
            j.put("progress_journal_entries", p.entries);
            j.put("progress_fill_s", p.fillSeconds);
            j.put("progress_query_median_ms", p.medianMs);
            j.put("progress_query_max_ms", p.maxMs);
            j.put("progress_backlog", p.backlog);
            j.put("progress_former_count_min_ms", p.fullScanMs);
            r.row("**progress queries on a journal of " + Report.n(p.entries) + " entries**, ms (median of "
                    + ProgressPhase.RUNS + ")", String.format(Locale.ROOT, "%.2f", p.medianMs), "–", "–",
                    r.goal("progress_query", p.medianMs <= 50, "≤ 50"));
            r.row("progress queries, slowest run, ms", String.format(Locale.ROOT, "%.2f", p.maxMs), "–", "–", "");
            r.row("former COUNT(*), MIN(CHANGED_AT) on the same journal, ms", String.format(Locale.ROOT, "%.0f",
                    p.fullScanMs), "–", "–", "");
        } catch (Exception e) {
            ok &= fail(r, "progress", e);
        }

        try {
            skipUnless(o, "stall");
            if (bdb.kind == DatabaseKind.H2) {
                throw new Skipped();
            }
            j.put("loadavg_before_stall", loadAverage());
            Log.line(" stall of IS writes during prepare and clean (%d writers, %,d changes/s, a session holding a "
                    + "synced table's row for %d s)", Options.WRITERS, Options.LAG_CHANGES_PER_SECOND,
                    StallPhase.BLOCK_MILLIS / 1000);
            StallPhase.Result s = StallPhase.run(bdb);
            long bound = s.lockTimeoutMillis + 200;
            Map<String, Object> stall = new LinkedHashMap<>();
            stall.put("ddl_lock_timeout_ms", s.lockTimeoutMillis);
            stall.put("ddl_retry_time_ms", s.retryTimeMillis);
            stall.put("blocker_s", StallPhase.BLOCK_MILLIS / 1000);
            stall.put("prepare", s.prepare.json());
            stall.put("baseline_capture_installed", s.baselineCaptured.json());
            stall.put("clean", s.clean.json());
            stall.put("baseline_no_capture", s.baselineUncaptured.json());
            stall.put("baseline", s.baseline.json());
            for (StallPhase.Ddl d : List.of(s.prepareJob, s.cleanJob)) {
                stall.put(d.job() + "_outcome", d.status().toString());
                stall.put(d.job() + "_s", d.seconds());
                stall.put(d.job() + "_message", d.message());
            }
            stall.put("catch_up_before_windows_s", s.catchUpSeconds);
            stall.put("failed_writes", s.failed);
            stall.put("failures", s.failures);
            if (bdb.kind == DatabaseKind.MARIADB && s.failed > 0) {
                stall.put("innodb_latest_deadlock", s.innodbDeadlock == null ? "none" : s.innodbDeadlock);
            }
            j.put("stall", stall);
            j.put("loadavg_after_stall", loadAverage());
            r.row("IS write latency p99 / max, ms, no DDL (baseline: " + Report.n(s.baseline.writes) + " writes, "
                    + String.format(Locale.ROOT, "%.1f", s.baseline.seconds()) + " s, same writers and blocker)",
                    Report.n(s.baseline.p99) + " / " + Report.n(s.baseline.max), "–", "–", "");
            for (StallPhase.Window w : List.of(s.prepare, s.clean)) {
                r.row("**IS write latency p99 / max, ms, during " + w.name + "** (" + Report.n(w.writes) + " writes, "
                        + String.format(Locale.ROOT, "%.1f", w.seconds()) + " s)", Report.n(w.p99) + " / "
                        + Report.n(w.max), "–", "–", r.goal("stall_" + w.name + "_max", w.max <= bound,
                                "max ≤ " + Report.n(bound) + " (ddlLockTimeout + 200)"));
            }
            r.row("furthest a write started behind its schedule, ms, baseline / prepare / clean (the queue of 4 "
                    + "request threads; informative)", Report.n(s.baseline.maxBehind) + " / "
                    + Report.n(s.prepare.maxBehind) + " / " + Report.n(s.clean.maxBehind), "–", "–", "");
            r.row("**IS writes failed** (all windows, " + Report.n(s.prepare.writes + s.baselineCaptured.writes
                    + s.clean.writes + s.baselineUncaptured.writes) + " writes)", Integer.toString(s.failed), "–",
                    "–", r.goal("stall_failed_writes", s.failed == 0, "0"));
            for (StallPhase.Ddl d : List.of(s.prepareJob, s.cleanJob)) {
                r.row(d.job() + " under the " + StallPhase.BLOCK_MILLIS / 1000 + " s blocker, s (outcome)",
                        String.format(Locale.ROOT, "%.1f (%s)", d.seconds(), d.status() == JobOutcome.Status.SUCCEEDED
                                ? "succeeded" : "gave up"), "–", "–", r.goal("stall_" + d.job() + "_succeeded",
                                d.status() == JobOutcome.Status.SUCCEEDED, "succeeds once the blocker commits, "
                                        + "within ddlRetryTime " + Report.n(s.retryTimeMillis / 1000.0) + " s"));
            }
        } catch (Exception e) {
            ok &= fail(r, "stall", e);
        }
        j.put("loadavg_at_end", loadAverage());
        j.put("goals_met", r.goals);
        return ok;
    }

    /**
     * Log mode's capture figures: all modes ran on the server started for log capture; the uncaptured run on the
     * test kit's default server shows what that setting costs by itself.
     */
    private static void logCaptureRows(BenchDatabase bdb, CapturePhase.Result c, Report r) {
        Map<String, Object> j = r.json;
        String setting = bdb.kind == DatabaseKind.POSTGRESQL ? "wal_level = logical" : "the row-based binary log";
        j.put("capture_server", setting);
        j.put("capture_default_server_settings", bdb.defaultServerSettings);
        j.put("capture_runs_without_default_server", c.withoutDefaultServer);
        j.put("capture_tx_per_s_without_default_server", c.withoutDefaultServerMedian);
        r.row("token issue tx/s, no capture, on the test kit's default server (without " + setting + ")",
                Report.n(c.withoutDefaultServerMedian), "–", "–", "");
        r.row("no capture: server with " + setting + " / default server (what the setting costs by itself)",
                Report.d2(c.withoutMedian / c.withoutDefaultServerMedian), "–", "–", "");
        if (c.logFailure != null) {
            j.put("log_capture_failure", c.logFailure);
            r.row("token issue tx/s, log capture installed", "not measured: " + c.logFailure, "–", "–",
                    r.goal("capture_ratio_log", false, "≥ 0.97"));
            return;
        }
        double ratio = c.logMedian / c.withoutMedian;
        j.put("capture_runs_log", c.log);
        j.put("capture_tx_per_s_log", c.logMedian);
        j.put("capture_ratio_log", ratio);
        j.put("capture_ratio_log_vs_default_server", c.logMedian / c.withoutDefaultServerMedian);
        r.row("token issue tx/s, log capture installed (prepare, captureMode = log)", Report.n(c.logMedian), "–",
                "–", "");
        r.row("**capture ratio, log mode** (log / no capture, both with " + setting + ")", Report.d2(ratio), "–",
                "–", r.goal("capture_ratio_log", ratio >= 0.97, "≥ 0.97"));
        r.row("log mode / no capture on the default server (the setting's cost included)",
                Report.d2(c.logMedian / c.withoutDefaultServerMedian), "–", "–", "");
        r.row("log mode / triggers (same server)", Report.d2(c.logMedian / c.withMedian), "–", "–", "");
    }

    /** A row of the report, its figure marked with the capture mode ({@code m}: empty for triggers). */
    private static void row(Report r, String m, String figure, String measured, String reference, String ratio,
                            String goal) {
        r.row(figure + m, measured, reference, ratio, goal);
    }

    /**
     * Log mode against triggers, from the same run (issue 14): the drain of the apply's backlog within 10 % of
     * triggers' (log / triggers of at least 0.9).
     */
    private static void compareModes(Options o, Report r) {
        Map<String, Object> j = r.json;
        if (j.get("apply_rows_per_s") instanceof Double t && j.get("log_apply_rows_per_s") instanceof Double l) {
            double ratio = l / t;
            j.put("log_vs_triggers_drain_ratio", ratio);
            r.row("**drain of the apply's backlog, log / triggers** (" + Report.n(l) + " / " + Report.n(t)
                    + " rows/s)", Report.d2(ratio), "–", "–", r.goal("log_vs_triggers_drain", ratio >= 0.9,
                    "≥ 0.9 (within 10 %)"));
        }
        if (j.get("network_apply_rows_per_s") instanceof Double t
                && j.get("log_network_apply_rows_per_s") instanceof Double l) {
            j.put("log_vs_triggers_network_drain_ratio", l / t);
            r.row("network: drain, log / triggers", Report.d2(l / t), "–", "–", "");
        }
    }

    /** Thrown to leave a phase that the options did not ask for. */
    private static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** Log mode needs a server started for it; H2 has none. */
    private static void skipUnlessCapable(BenchDatabase bdb, String mode) throws Skipped {
        if (Engine.LOG.equals(mode) && !bdb.logCapable()) {
            throw new Skipped();
        }
    }

    private static void skipUnless(Options o, String phase) throws Skipped {
        if (!o.phases.contains(phase)) {
            throw new Skipped();
        }
    }

    private static boolean fail(Report r, String phase, Exception e) {
        if (e instanceof Skipped) {
            return true;
        }
        r.errors.add(phase + ": " + e);
        Log.line("  %s phase FAILED: %s", phase, e);
        e.printStackTrace();
        return false;
    }

    /**
     * The 1-minute load average: the machine is 2 cores, and other processes (builds, tests) may share it while the
     * benchmark runs; above ~2 the absolute figures are depressed and ratios get noisier.
     */
    static double loadAverage() {
        try {
            String first = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            Log.line("  (load average %s)", first);
            return Double.parseDouble(first);
        } catch (Exception e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /** Which engine build is measured: its jar (or classes directory), modification time and SHA-256 prefix. */
    static String engineJar() {
        try {
            Path p = Path.of(org.wso2.is.data.sync.job.JobRunner.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            String hash = "";
            if (java.nio.file.Files.isRegularFile(p)) {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(p));
                hash = ", sha256 " + String.format("%064x", new java.math.BigInteger(1, d)).substring(0, 12);
            }
            return p.getFileName() + " of " + java.nio.file.Files.getLastModifiedTime(p) + hash;
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    private static double totalMemoryGb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / 1e9;
        }
        return Double.NaN;
    }

}
