/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncProgress;

/**
 * Progress (PostgreSQL, MariaDB): the queries of one progress line ({@link SyncProgress#backlog}) on a journal of
 * {@code progressEntries} entries, filled set-based on the server, timed over {@link #RUNS} runs after a warm-up;
 * and, once, the {@code COUNT(*), MIN(CHANGED_AT)} the progress line ran before, for comparison.
 */
final class ProgressPhase {

    static final int RUNS = 21;
    private static final long FILL_CHUNK = 1_000_000;
    private static final SyncTable TABLE = SyncTable.IDN_IDENTITY_USER_DATA;

    static final class Result {
        long entries;
        double fillSeconds;
        double medianMs;
        double maxMs;
        double fullScanMs;
        String backlog;
    }

    private ProgressPhase() {
    }

    static Result run(BenchDatabase bdb, long entries) throws Exception {
        if (bdb.kind == DatabaseKind.H2) {
            throw new IllegalArgumentException("the progress phase runs on PostgreSQL and MariaDB");
        }
        Result r = new Result();
        r.entries = entries;
        try (TestDatabase src = bdb.fresh(); TestDatabase tgt = bdb.fresh()) {
            Engine.prepare(src.dataSource(), tgt.dataSource());
            String journal = CaptureNames.of(TABLE).getJournal();
            long t = System.nanoTime();
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                for (long from = 1; from <= entries; from += FILL_CHUNK) {
                    long to = Math.min(entries, from + FILL_CHUNK - 1);
                    s.executeUpdate(bdb.kind == DatabaseKind.POSTGRESQL
                            ? "INSERT INTO " + journal + " (OPERATION, TENANT_ID, USER_NAME, DATA_KEY) SELECT 'U', "
                                    + "-1234, 'user' || g, 'k' FROM generate_series(" + from + ", " + to + ") g"
                            // MariaDB's SEQUENCE engine: seq_1_to_N is a table of 1..N
                            : "INSERT INTO " + journal + " (OPERATION, TENANT_ID, USER_NAME, DATA_KEY) SELECT 'U', "
                                    + "-1234, CONCAT('user', seq), 'k' FROM seq_" + from + "_to_" + to);
                }
                s.execute(bdb.kind == DatabaseKind.POSTGRESQL ? "ANALYZE " + journal : "ANALYZE TABLE " + journal);
            }
            r.fillSeconds = (System.nanoTime() - t) / 1e9;
            Log.line("  journal %s: %,d entries, filled in %.0f s", journal, entries, r.fillSeconds);
            try (Connection c = src.dataSource().getConnection()) {
                c.setAutoCommit(true);
                Dialect dialect = Dialects.forConnection(c);
                SyncProgress.backlog(c, dialect, TABLE);
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    long q = System.nanoTime();
                    SyncProgress.Backlog b = SyncProgress.backlog(c, dialect, TABLE);
                    ms.add((System.nanoTime() - q) / 1e6);
                    r.backlog = b.describe();
                }
                Collections.sort(ms);
                r.medianMs = ms.get(ms.size() / 2);
                r.maxMs = ms.get(ms.size() - 1);
                try (Statement s = c.createStatement()) {
                    long q = System.nanoTime();
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(CHANGED_AT) FROM " + journal)) {
                        rs.next();
                    }
                    r.fullScanMs = (System.nanoTime() - q) / 1e6;
                }
            }
            Log.line("  progress queries: median %.2f ms, max %.2f ms over %d runs (backlog %s); the former "
                    + "COUNT(*), MIN(CHANGED_AT): %.0f ms", r.medianMs, r.maxMs, RUNS, r.backlog, r.fullScanMs);
        }
        return r;
    }
}
