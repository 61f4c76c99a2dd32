/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Capture cost: IS-like token issue (1 token + 3 scopes a transaction, 4 writers, each on its own connection) on a
 * fresh IS 5.9.0 database, without capture, with the engine's capture (prepare), and (PostgreSQL, MariaDB) with the
 * simplest capture there is: an AFTER INSERT trigger that inserts the operation and the key into a journal with an
 * increasing primary key, and nothing else. The same number of transactions from an empty table each time; each
 * round rotates the order; the figures are ratios of the medians. The simplest trigger, measured in the same run
 * under the same load, is the floor the engine's capture is held against.
 *
 * <p>With log mode ({@code --capture-modes=...,log}) every measurement runs on a server started for log capture
 * (PostgreSQL wal_level = logical, MariaDB's row-based binary log), and two more take turns in each round: log
 * capture installed (prepare with {@code captureMode = log}: publication and slot, or the starting position of the
 * binary log; no sync reading it, as triggers are measured without a sync draining them), and no capture on the
 * test kit's server with its default settings, which shows what the server setting costs by itself.
 */
final class CapturePhase {

    enum Capture { NONE, ENGINE, SIMPLEST, LOG, NONE_DEFAULT_SERVER }

    static final class Result {
        final List<Double> without = new ArrayList<>();
        final List<Double> with = new ArrayList<>();
        final List<Double> simplest = new ArrayList<>();
        final List<Double> log = new ArrayList<>();
        final List<Double> withoutDefaultServer = new ArrayList<>();
        double withoutMedian;
        double withMedian;
        double simplestMedian = Double.NaN;
        double logMedian = Double.NaN;
        double withoutDefaultServerMedian = Double.NaN;
        /** Why log capture could not be installed (then it is left out of the later rounds); null if it was. */
        String logFailure;

        List<Double> runs(Capture capture) {
            return switch (capture) {
                case NONE -> without;
                case ENGINE -> with;
                case SIMPLEST -> simplest;
                case LOG -> log;
                case NONE_DEFAULT_SERVER -> withoutDefaultServer;
            };
        }
    }

    private CapturePhase() {
    }

    static Result run(BenchDatabase bdb, Options o) throws Exception {
        Result r = new Result();
        // warm-up of the client (JIT) and the server, thrown away
        measure(bdb, Capture.NONE, 2_000, 999);
        List<Capture> modes = new ArrayList<>(List.of(Capture.NONE, Capture.ENGINE));
        if (bdb.kind != DatabaseKind.H2) {
            // an H2 trigger is a Java class: there is no simpler one than the engine's
            modes.add(Capture.SIMPLEST);
        }
        if (bdb.logCapable()) {
            modes.add(Capture.LOG);
            modes.add(Capture.NONE_DEFAULT_SERVER);
        }
        for (int round = 0; round < o.captureRounds; round++) {
            List<Capture> order = new ArrayList<>(modes);
            Collections.rotate(order, -round);
            for (Capture capture : order) {
                if (capture == Capture.LOG && r.logFailure != null) {
                    continue;
                }
                double tps;
                try {
                    tps = measure(bdb, capture, o.captureTransactions, round * 5L + capture.ordinal());
                } catch (Exception e) {
                    if (capture != Capture.LOG) {
                        throw e;
                    }
                    // the other modes' figures still count; the report says why log mode has none
                    r.logFailure = String.valueOf(e.getMessage());
                    Log.line("  capture log: not measured: %s", r.logFailure);
                    continue;
                }
                r.runs(capture).add(tps);
                Log.line("  capture %-8s round %d: %,.0f tx/s", label(capture), round + 1, tps);
            }
        }
        r.withoutMedian = median(r.without);
        r.withMedian = median(r.with);
        r.simplestMedian = median(r.simplest);
        r.logMedian = median(r.log);
        r.withoutDefaultServerMedian = median(r.withoutDefaultServer);
        return r;
    }

    private static String label(Capture capture) {
        return switch (capture) {
            case NONE -> "off";
            case ENGINE -> "on";
            case SIMPLEST -> "simplest";
            case LOG -> "log";
            case NONE_DEFAULT_SERVER -> "off, default server";
        };
    }

    /** The simplest capture of the two tables the writers insert into: key and operation, one insert a row. */
    private static void installSimplest(BenchDatabase bdb, TestDatabase db) throws Exception {
        String[][] tables = {
            {Tokens.TABLE, "BENCH_J_TOKEN", "TOKEN_ID VARCHAR(255) NOT NULL", "NEW.TOKEN_ID"},
            {Tokens.SCOPE_TABLE, "BENCH_J_SCOPE", "TOKEN_ID VARCHAR(255) NOT NULL, TOKEN_SCOPE VARCHAR(255) NOT NULL",
                "NEW.TOKEN_ID, NEW.TOKEN_SCOPE"},
        };
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String[] t : tables) {
                String keys = t[2].replace(" VARCHAR(255) NOT NULL", "");
                String insert = "INSERT INTO " + t[1] + " (OP, " + keys + ") VALUES ('I', " + t[3] + ")";
                if (bdb.kind == DatabaseKind.POSTGRESQL) {
                    s.execute("CREATE TABLE " + t[1] + " (ID BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                            + "OP CHAR(1) NOT NULL, " + t[2] + ")");
                    s.execute("CREATE FUNCTION " + t[1] + "_F() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN "
                            + insert + "; RETURN NULL; END $$");
                    s.execute("CREATE TRIGGER " + t[1] + "_T AFTER INSERT ON " + t[0] + " FOR EACH ROW EXECUTE "
                            + "PROCEDURE " + t[1] + "_F()");
                } else {
                    s.execute("CREATE TABLE " + t[1] + " (ID BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                            + "OP CHAR(1) NOT NULL, " + t[2] + ") ENGINE=InnoDB");
                    s.execute("CREATE TRIGGER " + t[1] + "_T AFTER INSERT ON " + t[0] + " FOR EACH ROW " + insert);
                }
            }
        }
    }

    /** Transactions per second of 4 writers issuing {@code transactions} tokens in all. */
    static double measure(BenchDatabase bdb, Capture capture, int transactions, long seed) throws Exception {
        if (capture == Capture.NONE_DEFAULT_SERVER) {
            try (TestDatabase db = bdb.freshOnDefaultServer()) {
                return issue(db, transactions, seed);
            }
        }
        try (TestDatabase db = bdb.fresh(); TestDatabase prepareTarget = bdb.empty()) {
            if (capture == Capture.ENGINE) {
                Engine.prepare(db.dataSource(), prepareTarget.dataSource());
            } else if (capture == Capture.SIMPLEST) {
                installSimplest(bdb, db);
            }
            if (capture != Capture.LOG) {
                return issue(db, transactions, seed);
            }
            return Engine.cleaningUp(db.dataSource(), prepareTarget.dataSource(), Engine.LOG, () -> {
                Engine.prepare(db.dataSource(), prepareTarget.dataSource(), Engine.LOG);
                return issue(db, transactions, seed);
            });
        }
    }

    /** Transactions per second of 4 writers issuing {@code transactions} tokens in all on {@code db}. */
    private static double issue(TestDatabase db, int transactions, long seed) throws Exception {
        Tokens tokens = new Tokens(seed);
        AtomicLong next = new AtomicLong();
        int writers = Options.WRITERS;
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Callable<Integer> writer = () -> {
                try (Connection c = db.dataSource().getConnection();
                     PreparedStatement token = c.prepareStatement(Tokens.INSERT_TOKEN);
                     PreparedStatement scope = c.prepareStatement(Tokens.INSERT_SCOPE)) {
                    c.setAutoCommit(false);
                    ready.countDown();
                    go.await();
                    int n = 0;
                    for (long i = next.getAndIncrement(); i < transactions; i = next.getAndIncrement()) {
                        Tokens.issue(token, scope, tokens.token(i));
                        c.commit();
                        n++;
                    }
                    return n;
                }
            };
            done.add(pool.submit(writer));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        int committed = 0;
        for (Future<Integer> f : done) {
            committed += f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        return committed / (nanos / 1e9);
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
