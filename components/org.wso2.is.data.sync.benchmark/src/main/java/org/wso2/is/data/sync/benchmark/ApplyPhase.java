/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Apply speed: a backlog of captured token inserts (written with capture on) drained by {@code sync
 * --until-drained} (batchSize 1,000) into a target with the same schema and the OAuth apps, against the ceiling
 * measured in the same run (JDBC batches of 1,000 plain INSERTs of the same rows into an empty copy of the
 * table) and the original tool's way (per row: SELECT, then UPDATE or INSERT) on a smaller sample. In log mode the
 * backlog waits in the source's log (WAL behind the slot; the binary log), and the drain's time includes the log
 * pump reading it into the target's journals.
 */
final class ApplyPhase {

    static final String JOURNAL_QUERY = "SELECT SYNC_ID, OPERATION, CHANGED_AT, TOKEN_ID FROM SYN_J_TOKEN "
            + "ORDER BY SYNC_ID";

    static final class Result {
        long backlog;
        double fillRowsPerSecond;
        double ceiling;
        double ceilingBefore;
        double ceilingAfter;
        double rowByRow;
        final List<Double> rowByRowRuns = new ArrayList<>();
        double apply;
        double drainSeconds;
        double journalFirstPageMs;
        List<String> journalPlan = new ArrayList<>();
        List<String> breakdown = new ArrayList<>();
        List<String> profile = new ArrayList<>();
        double[] journalReadTrend;
        Map<String, String> journalStats = new LinkedHashMap<>();
    }

    private static final int ROW_BY_ROW_RUNS = 3;

    private ApplyPhase() {
    }

    static Result run(BenchDatabase bdb, Options o, Path jfrDir, String captureMode) throws Exception {
        Result r = new Result();
        r.backlog = o.applyBacklog;
        Tokens tokens = new Tokens(42);
        try (TestDatabase src = bdb.fresh(); TestDatabase tgt = bdb.freshTarget()) {
            Engine.cleaningUp(src.dataSource(), tgt.dataSource(), captureMode, () -> {
                drainAndCompare(bdb, o, jfrDir, captureMode, r, tokens, src, tgt);
                return null;
            });
        }
        return r;
    }

    private static void drainAndCompare(BenchDatabase bdb, Options o, Path jfrDir, String captureMode, Result r,
                                        Tokens tokens, TestDatabase src, TestDatabase tgt) throws Exception {
        boolean log = Engine.LOG.equals(captureMode);
        Engine.prepare(src.dataSource(), tgt.dataSource(), captureMode);
        long t = System.nanoTime();
        try (Connection c = src.dataSource().getConnection()) {
            tokens.fill(c, 0, r.backlog, false);
        }
        r.fillRowsPerSecond = r.backlog / ((System.nanoTime() - t) / 1e9);
        Log.line("  backlog: %,d token inserts captured (%,.0f rows/s with %s capture on)", r.backlog,
                r.fillRowsPerSecond, captureMode);
        if (!log) {
            // in log mode there is no journal until the pump fills the target's
            journalProbe(bdb, src, r);
        }

        r.ceilingBefore = ceiling(bdb, tokens, r.backlog);
        Log.line("  ceiling: %,.0f rows/s (JDBC batches of 1,000 plain INSERTs, empty table)", r.ceilingBefore);
        // The median of three: one run of a few seconds swung from 999 to 3,670 rows/s between runs here.
        for (int i = 0; i < ROW_BY_ROW_RUNS; i++) {
            r.rowByRowRuns.add(rowByRow(bdb, tokens, o.rowByRowSample));
        }
        List<Double> sorted = new ArrayList<>(r.rowByRowRuns);
        Collections.sort(sorted);
        r.rowByRow = sorted.get(ROW_BY_ROW_RUNS / 2);
        Log.line("  row by row (SELECT, then UPDATE or INSERT): %,.0f rows/s, median of %,.0f / %,.0f / %,.0f "
                + "on %,d rows each", r.rowByRow, r.rowByRowRuns.get(0), r.rowByRowRuns.get(1),
                r.rowByRowRuns.get(2), o.rowByRowSample);

        SqlTimer timer = new SqlTimer();
        String stamp = bdb.kind == DatabaseKind.POSTGRESQL ? now(src) : null;
        Path jfr = jfrDir.resolve(bdb.label + "-apply-" + (log ? "log-" : "") + o.mode() + ".jfr");
        try (HikariDataSource sp = BenchDatabase.pool(src, "bench-source");
             HikariDataSource tp = BenchDatabase.pool(tgt, "bench-target");
             Recording rec = new Recording(Configuration.getConfiguration("profile"))) {
            rec.setToDisk(true);
            rec.setDestination(jfr);
            rec.start();
            long nanos = Engine.drain(timer.wrap(sp, "source"), timer.wrap(tp, "target"), Options.BATCH_SIZE,
                    captureMode);
            rec.stop();
            r.drainSeconds = nanos / 1e9;
            r.apply = r.backlog / r.drainSeconds;
            r.breakdown = timer.report(nanos);
            // log mode keeps the journals on the target
            r.journalReadTrend = timer.trend((log ? "target" : "source") + ": SELECT SYN_J_TOKEN");
        }
        long applied = BenchDatabase.count(tgt.dataSource(), Tokens.TABLE);
        if (applied != r.backlog) {
            throw new IllegalStateException("the target holds " + applied + " tokens, expected " + r.backlog);
        }
        Log.line("  apply: %,.0f rows/s (%,d rows in %.1f s, sync --until-drained, batchSize 1,000)", r.apply,
                r.backlog, r.drainSeconds);
        // On a shared machine the load changes within a minute: the ceiling on both sides of the drain, and
        // the ratio against their mean.
        r.ceilingAfter = ceiling(bdb, tokens, r.backlog);
        r.ceiling = (r.ceilingBefore + r.ceilingAfter) / 2;
        Log.line("  ceiling after the drain: %,.0f rows/s (mean of both: %,.0f)", r.ceilingAfter, r.ceiling);
        if (bdb.kind == DatabaseKind.POSTGRESQL && !log) {
            journalStats(src, stamp, r.journalStats);
        }
        r.profile = JfrSummary.summarize(jfr, 8);
    }

    /** How long the engine's journal query takes on the just-filled journal, and (PostgreSQL) its plan. */
    private static void journalProbe(BenchDatabase bdb, TestDatabase src, Result r) throws Exception {
        String query = bdb.kind == DatabaseKind.H2 || bdb.kind == DatabaseKind.POSTGRESQL
                ? JOURNAL_QUERY + " FETCH FIRST 1000 ROWS ONLY" : JOURNAL_QUERY + " LIMIT 1000";
        try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (bdb.kind == DatabaseKind.POSTGRESQL) {
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) " + query)) {
                    while (rs.next()) {
                        r.journalPlan.add(rs.getString(1).trim());
                    }
                }
            } else if (bdb.kind == DatabaseKind.MARIADB) {
                try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
                    while (rs.next()) {
                        r.journalPlan.add("type=" + rs.getString("type") + " key=" + rs.getString("key") + " rows="
                                + rs.getString("rows") + " extra=" + rs.getString("Extra"));
                    }
                }
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                try (ResultSet rs = s.executeQuery(query)) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
                best = Math.min(best, System.nanoTime() - t);
            }
            r.journalFirstPageMs = best / 1e6;
        }
        Log.line("  journal read of the just-filled journal, first page of 1,000: %.1f ms%s", r.journalFirstPageMs,
                r.journalPlan.isEmpty() ? "" : " (plan: " + String.join(" / ", r.journalPlan) + ")");
    }

    private static String now(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            return BenchDatabase.one(s, "SELECT now()::text");
        }
    }

    /** Whether PostgreSQL's autovacuum analyzed or vacuumed the journal, and when, relative to the drain. */
    private static void journalStats(TestDatabase src, String drainStart, Map<String, String> out) throws Exception {
        try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_analyze::text, last_autoanalyze::text, last_autovacuum::text, "
                     + "autoanalyze_count, autovacuum_count, n_dead_tup FROM pg_stat_user_tables "
                     + "WHERE relname = 'syn_j_token'")) {
            out.put("drain started", drainStart);
            if (rs.next()) {
                out.put("last_analyze", String.valueOf(rs.getString(1)));
                out.put("last_autoanalyze", String.valueOf(rs.getString(2)));
                out.put("last_autovacuum", String.valueOf(rs.getString(3)));
                out.put("autoanalyze_count", rs.getString(4));
                out.put("autovacuum_count", rs.getString(5));
                out.put("n_dead_tup", rs.getString(6));
            }
        }
    }

    /** How a phase reaches a database: directly, or through a proxy. */
    interface Connect {
        Connection open(TestDatabase db) throws Exception;
    }

    static final Connect DIRECT = db -> db.dataSource().getConnection();

    /** JDBC batches of 1,000 plain INSERTs of the same rows into an empty copy of the target's token table. */
    static double ceiling(BenchDatabase bdb, Tokens tokens, long rows) throws Exception {
        return ceiling(bdb, tokens, rows, DIRECT);
    }

    static double ceiling(BenchDatabase bdb, Tokens tokens, long rows, Connect connect) throws Exception {
        try (TestDatabase copy = bdb.freshTarget(); Connection c = connect.open(copy);
             PreparedStatement ps = c.prepareStatement(Tokens.INSERT_TOKEN)) {
            c.setAutoCommit(false);
            long t = System.nanoTime();
            for (long i = 0; i < rows; i++) {
                Tokens.bind(ps, 1, tokens.token(i));
                ps.addBatch();
                if ((i + 1) % Options.BATCH_SIZE == 0 || i == rows - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            return rows / ((System.nanoTime() - t) / 1e9);
        }
    }

    /** The original tool's apply: per row a SELECT of the key on the target, then an UPDATE or an INSERT. */
    static double rowByRow(BenchDatabase bdb, Tokens tokens, int rows) throws Exception {
        return rowByRow(bdb, tokens, rows, DIRECT);
    }

    static double rowByRow(BenchDatabase bdb, Tokens tokens, int rows, Connect connect) throws Exception {
        String[] columns = Tokens.COLUMNS.split(", ");
        StringBuilder set = new StringBuilder();
        for (int i = 1; i < columns.length; i++) {
            set.append(i == 1 ? "" : ", ").append(columns[i]).append(" = ?");
        }
        try (TestDatabase copy = bdb.freshTarget(); Connection c = connect.open(copy);
             PreparedStatement select = c.prepareStatement("SELECT TOKEN_ID FROM " + Tokens.TABLE
                     + " WHERE TOKEN_ID = ?");
             PreparedStatement update = c.prepareStatement("UPDATE " + Tokens.TABLE + " SET " + set
                     + " WHERE TOKEN_ID = ?");
             PreparedStatement insert = c.prepareStatement(Tokens.INSERT_TOKEN)) {
            c.setAutoCommit(false);
            long t = System.nanoTime();
            for (long i = 0; i < rows; i++) {
                Object[] row = tokens.token(i);
                select.setObject(1, row[0]);
                boolean exists;
                try (ResultSet rs = select.executeQuery()) {
                    exists = rs.next();
                }
                if (exists) {
                    int p = 1;
                    for (int k = 1; k < row.length; k++) {
                        update.setObject(p++, row[k]);
                    }
                    update.setObject(p, row[0]);
                    update.executeUpdate();
                } else {
                    Tokens.bind(insert, 1, row);
                    insert.executeUpdate();
                }
                if ((i + 1) % Options.BATCH_SIZE == 0 || i == rows - 1) {
                    c.commit();
                }
            }
            return rows / ((System.nanoTime() - t) / 1e9);
        }
    }

    static Path jfrDir() throws Exception {
        Path module = Path.of("components", "org.wso2.is.data.sync.benchmark", "target");
        Path dir = Files.isDirectory(module) ? module.resolve("benchmark-jfr") : Path.of("target", "benchmark-jfr");
        return Files.createDirectories(dir);
    }
}
