/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wso2.is.data.sync.testkit.BlackHoleProxy;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The apply, the ceiling and the original tool's row by row again, with every connection of the sync, the ceiling
 * and row by row through an in-process TCP proxy that adds {@link #DELAY} each way: a same-datacenter round trip.
 * On loopback a round trip costs some 50 µs, which flatters a tool that makes one per row; real sources and targets
 * sit across a network. The backlog is filled directly (only what is measured goes through the proxy). In log mode
 * the sync's replication connection goes through the proxy too (it logs in with the source pool's URL).
 */
final class NetworkPhase {

    static final Duration DELAY = Duration.ofMillis(1).dividedBy(2);
    private static final Pattern HOST_PORT = Pattern.compile("^(jdbc:[a-z]+://)([^:/]+):([0-9]+)(/.*)$");
    private static final int ROW_BY_ROW_RUNS = 3;
    private static final int ROUND_TRIPS = 200;

    static final class Result {
        long backlog;
        int rowByRowSample;
        double roundTripMs;
        double loopbackRoundTripMs;
        double apply;
        double drainSeconds;
        double ceiling;
        double rowByRow;
        final List<Double> rowByRowRuns = new ArrayList<>();
        List<String> breakdown = new ArrayList<>();
    }

    private NetworkPhase() {
    }

    static Result run(BenchDatabase bdb, Options o, String captureMode) throws Exception {
        Result r = new Result();
        r.backlog = o.networkBacklog;
        r.rowByRowSample = o.networkRowByRowSample;
        Tokens tokens = new Tokens(43);
        try (TestDatabase src = bdb.fresh(); TestDatabase tgt = bdb.freshTarget()) {
            Engine.cleaningUp(src.dataSource(), tgt.dataSource(), captureMode, () -> {
                throughProxy(bdb, captureMode, r, tokens, src, tgt);
                return null;
            });
        }
        return r;
    }

    private static BlackHoleProxy proxyTo(TestDatabase db) throws Exception {
        Matcher m = HOST_PORT.matcher(db.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("no host and port in the test kit's URL " + db.jdbcUrl());
        }
        return BlackHoleProxy.to(m.group(2), Integer.parseInt(m.group(3)), DELAY);
    }

    private static void throughProxy(BenchDatabase bdb, String captureMode, Result r, Tokens tokens, TestDatabase src,
                                     TestDatabase tgt) throws Exception {
        // one proxy a server: with --separate-target, the target's is another
        try (BlackHoleProxy proxy = proxyTo(src); BlackHoleProxy targetProxy = proxyTo(tgt)) {
            // the ceiling and row by row write into copies where the target is
            ApplyPhase.Connect viaProxy = db -> DriverManager.getConnection(proxied(db.jdbcUrl(), targetProxy.port()),
                    db.username(), db.password());
            r.loopbackRoundTripMs = roundTripMs(ApplyPhase.DIRECT.open(src));
            r.roundTripMs = roundTripMs(DriverManager.getConnection(proxied(src.jdbcUrl(), proxy.port()),
                    src.username(), src.password()));
            Log.line("  round trip (SELECT 1, median of %d): %.3f ms through the proxy, %.3f ms direct",
                    ROUND_TRIPS, r.roundTripMs, r.loopbackRoundTripMs);

            Engine.prepare(src.dataSource(), tgt.dataSource(), captureMode);
            try (Connection c = src.dataSource().getConnection()) {
                tokens.fill(c, 0, r.backlog, false);
            }
            r.ceiling = ApplyPhase.ceiling(bdb, tokens, r.backlog, viaProxy);
            Log.line("  ceiling through the proxy: %,.0f rows/s", r.ceiling);
            for (int i = 0; i < ROW_BY_ROW_RUNS; i++) {
                r.rowByRowRuns.add(ApplyPhase.rowByRow(bdb, tokens, r.rowByRowSample, viaProxy));
            }
            List<Double> sorted = new ArrayList<>(r.rowByRowRuns);
            Collections.sort(sorted);
            r.rowByRow = sorted.get(ROW_BY_ROW_RUNS / 2);
            Log.line("  row by row through the proxy: %,.0f rows/s, median of %,.0f / %,.0f / %,.0f on %,d rows "
                    + "each", r.rowByRow, r.rowByRowRuns.get(0), r.rowByRowRuns.get(1), r.rowByRowRuns.get(2),
                    r.rowByRowSample);

            SqlTimer timer = new SqlTimer();
            try (HikariDataSource sp = BenchDatabase.pool(proxied(src.jdbcUrl(), proxy.port()), src.username(),
                    src.password(), "bench-source-net");
                 HikariDataSource tp = BenchDatabase.pool(proxied(tgt.jdbcUrl(), targetProxy.port()), tgt.username(),
                    tgt.password(), "bench-target-net")) {
                long nanos = Engine.drain(timer.wrap(sp, "source"), timer.wrap(tp, "target"), Options.BATCH_SIZE,
                        captureMode);
                r.drainSeconds = nanos / 1e9;
                r.apply = r.backlog / r.drainSeconds;
                r.breakdown = timer.report(nanos);
            }
        }
        long applied = BenchDatabase.count(tgt.dataSource(), Tokens.TABLE);
        if (applied != r.backlog) {
            throw new IllegalStateException("the target holds " + applied + " tokens, expected " + r.backlog);
        }
        Log.line("  apply through the proxy (%s): %,.0f rows/s (%,d rows in %.1f s)", captureMode, r.apply,
                r.backlog, r.drainSeconds);
    }

    /** {@code url} with its host and port replaced by the proxy's loopback port. */
    static String proxied(String url, int port) {
        Matcher m = HOST_PORT.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("no host and port in the test kit's URL " + url);
        }
        return m.group(1) + "127.0.0.1:" + port + m.group(4);
    }

    /** The median time of a {@code SELECT 1} on {@code c}, which this closes. */
    private static double roundTripMs(Connection c) throws Exception {
        try (c; Statement s = c.createStatement()) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                long t = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
                times.add(System.nanoTime() - t);
            }
            Collections.sort(times);
            return times.get(ROUND_TRIPS / 2) / 1e6;
        }
    }
}
