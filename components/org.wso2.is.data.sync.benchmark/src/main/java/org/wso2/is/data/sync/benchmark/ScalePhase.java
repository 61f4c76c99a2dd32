/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Scale (PostgreSQL): an identical pair of {@code scaleTokens} tokens with one scope each, filled set-based on the
 * server, compared by {@code validate} in a child JVM with bin/data-sync's heap (time, rows/s, peak heap); then a
 * backlog of {@code scaleBacklog} captured changes drained (the memory phase at that size).
 *
 * <p>The token table's secondary indexes (IDX_*) are dropped on the scale pair before the fill: validate scans
 * whole tables and uses none of them, and with them the fill alone would take longer than the rest of the run.
 * Timestamps advance by one millisecond a row, so the comparison covers fractional seconds.
 */
final class ScalePhase {

    static final class Result {
        long tokens;
        double fillSeconds;
        ChildJvm.Output validate;
        MemoryPhase.Result drain;

        double validateSeconds() {
            return validate.value("validate_ms") / 1000;
        }
    }

    private static final long FILL_CHUNK = 1_000_000;
    private static final String[] SECONDARY_INDEXES = {"IDX_TC", "IDX_ATH", "IDX_AT_CK_AU", "IDX_AT_TI_UD",
        "IDX_AT_AU_TID_UD_TS_CKID", "IDX_AT_AT", "IDX_AT_AU_CKID_TS_UT", "IDX_AT_RTH", "IDX_AT_RT"};

    private ScalePhase() {
    }

    static Result run(BenchDatabase bdb, Options o, Path jfrDir) throws Exception {
        if (bdb.kind != DatabaseKind.POSTGRESQL) {
            throw new IllegalArgumentException("the scale phase runs on PostgreSQL only");
        }
        Result r = new Result();
        r.tokens = o.scaleTokens;
        try (TestDatabase src = bdb.fresh(); TestDatabase tgt = bdb.fresh()) {
            long t = System.nanoTime();
            fill(src, o.scaleTokens);
            fill(tgt, o.scaleTokens);
            r.fillSeconds = (System.nanoTime() - t) / 1e9;
            Log.line("  pair: %,d tokens and %,d scopes on each side, filled in %.0f s", o.scaleTokens,
                    o.scaleTokens, r.fillSeconds);
            // The capture, installed after the fill: validate needs the journals, and they are empty.
            Engine.prepare(src.dataSource(), tgt.dataSource());
            r.validate = ChildJvm.run(ValidateChild.class, o.childHeap, null, bdb, src, tgt, Map.of());
            Log.line("  validate: %s in %.1f s (%,.0f token rows/s), peak heap %s MB: %s",
                    r.validate.results.get("outcome"), r.validateSeconds(), o.scaleTokens / r.validateSeconds(),
                    r.validate.results.get("peak_heap_mb"), r.validate.results.get("message"));
        }
        Log.line("  drain of a backlog of %,d changes", o.scaleBacklog);
        r.drain = MemoryPhase.run(bdb, o, jfrDir, o.scaleBacklog);
        return r;
    }

    /** Tokens 1..n and one scope each, in statements of a million rows. */
    private static void fill(TestDatabase db, long n) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String index : SECONDARY_INDEXES) {
                s.execute("DROP INDEX IF EXISTS " + index);
            }
            for (long from = 1; from <= n; from += FILL_CHUNK) {
                long to = Math.min(n, from + FILL_CHUNK - 1);
                s.executeUpdate("INSERT INTO " + Tokens.TABLE + " (" + Tokens.COLUMNS + ") SELECT "
                        + "md5('t' || g)::uuid::text, md5('a' || g)::uuid::text, md5('r' || g)::uuid::text, "
                        + "1 + g % 3, 'user' || g, " + Tokens.TENANT + ", 'PRIMARY', 'APPLICATION_USER', 'password', "
                        + "TIMESTAMP '2026-01-01 00:00:00' + g * INTERVAL '1 millisecond', "
                        + "TIMESTAMP '2026-01-01 00:00:00' + g * INTERVAL '1 millisecond', 3600000, 86400000, "
                        + "md5('s' || g), 'ACTIVE', 'NONE', 'user' || g || '@carbon.super', "
                        + "md5('ah' || g) || md5('ah2' || g), md5('rh' || g) || md5('rh2' || g), 1 "
                        + "FROM generate_series(" + from + ", " + to + ") g");
                s.executeUpdate("INSERT INTO " + Tokens.SCOPE_TABLE + " (" + Tokens.SCOPE_COLUMNS + ") SELECT "
                        + "md5('t' || g)::uuid::text, 'openid', " + Tokens.TENANT + " FROM generate_series(" + from
                        + ", " + to + ") g");
            }
            s.execute("ANALYZE");
        }
    }
}
