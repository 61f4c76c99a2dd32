/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedDatabases;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Statement-level probes behind the engine changes that docs/benchmarks.md recommends; each compares the statement
 * shape the engine uses now with the proposed one, on the embedded servers, in isolation. Run:
 * {@code java -cp <module classpath> org.wso2.is.data.sync.benchmark.Probes [lookup] [writes] [bulk]}.
 * <ul>
 *   <li>lookup (PostgreSQL): a 500-key lookup on a token table that grew from empty and was never analyzed, as
 *   {@code TOKEN_ID IN (?, ... 500)} (the engine's KeyPredicate; pgjdbc prepares it on the server after 5 uses and
 *   PostgreSQL then runs a generic plan) and as {@code TOKEN_ID = ANY (?)} with one array parameter.</li>
 *   <li>writes (PostgreSQL, MariaDB): inserting 1,000-row batches of tokens as multi-row VALUES of 100 rows (the
 *   engine's statement size under SQL Server's parameter limit), as one multi-row VALUES of 1,000 rows, and as one
 *   JDBC batch of single-row INSERTs; deleting 1,000 consumed journal
 *   rows as the engine does before (a JDBC batch of {@code DELETE ... WHERE SYNC_ID = ?}) and by id range.</li>
 *   <li>bulk (PostgreSQL, MariaDB): 1,000-row batches of tokens, a commit each, through each driver's bulk-load
 *   path against its INSERT shapes: PostgreSQL's {@code COPY FROM STDIN} (the engine's, through a HikariCP
 *   connection) against the multi-row VALUES of a whole batch (the engine's shape before) and MariaDB's {@code LOAD DATA LOCAL INFILE} from a stream (a connection with
 *   {@code allowLocalInfile=true}) against the JDBC batch MariaDB Connector/J sends in bulk.</li>
 * </ul>
 */
public final class Probes {

    private Probes() {
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("lookup", "writes") : List.of(args);
        if (which.contains("lookup")) {
            lookup();
        }
        if (which.contains("writes")) {
            for (String db : new String[] {"postgresql", "mariadb"}) {
                writes(new BenchDatabase(db));
            }
        }
        if (which.contains("bulk")) {
            for (String db : new String[] {"postgresql", "mariadb"}) {
                bulk(new BenchDatabase(db));
            }
        }
        System.exit(0);
    }

    static void lookup() throws Exception {
        BenchDatabase bdb = new BenchDatabase("postgresql");
        Tokens tokens = new Tokens(99);
        String in = "SELECT TOKEN_ID FROM " + Tokens.TABLE + " WHERE TOKEN_ID IN ("
                + String.join(", ", Collections.nCopies(500, "?")) + ")";
        String any = "SELECT TOKEN_ID FROM " + Tokens.TABLE + " WHERE TOKEN_ID = ANY (?)";
        try (TestDatabase db = bdb.fresh(); Connection c = db.dataSource().getConnection()) {
            long n = 0;
            for (long size : new long[] {10_000, 50_000, 100_000, 200_000}) {
                try (Connection w = db.dataSource().getConnection()) {
                    tokens.fill(w, n, size, false);
                }
                n = size;
                out("lookup", "%,d rows, never analyzed: IN (500 ?) %.1f ms, = ANY(?) %.1f ms (a lookup, after 10)",
                        n, lookupMs(c, in, false, tokens, n), lookupMs(c, any, true, tokens, n));
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + Tokens.TABLE);
            }
            out("lookup", "%,d rows, after ANALYZE: IN (500 ?) %.1f ms, = ANY(?) %.1f ms", n,
                    lookupMs(c, in, false, tokens, n), lookupMs(c, any, true, tokens, n));
        }
    }

    /** The last of 10 lookups of 500 keys, half of them present. */
    private static double lookupMs(Connection c, String sql, boolean array, Tokens tokens, long rows)
            throws Exception {
        double last = 0;
        for (int round = 0; round < 10; round++) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                keys.add(i % 2 == 0 ? (String) tokens.token((round * 500L + i) % rows)[0] : "absent-" + round + "-" + i);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (array) {
                    ps.setArray(1, c.createArrayOf("varchar", keys.toArray()));
                } else {
                    for (int i = 0; i < keys.size(); i++) {
                        ps.setString(i + 1, keys.get(i));
                    }
                }
                long t = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                last = (System.nanoTime() - t) / 1e6;
            }
        }
        return last;
    }

    static void writes(BenchDatabase bdb) throws Exception {
        final int rows = 50_000;
        Tokens tokens = new Tokens(77);
        // inserts: multi-row VALUES of 100 rows (2,000 parameters), of a whole batch, and the JDBC batch
        for (int perStatement : new int[] {100, 1000}) {
            try (TestDatabase a = bdb.fresh(); Connection c = a.dataSource().getConnection()) {
                c.setAutoCommit(false);
                long t = System.nanoTime();
                for (int from = 0; from < rows; from += 1000) {
                    for (int stmt = from; stmt < from + 1000; stmt += perStatement) {
                        try (PreparedStatement ps = c.prepareStatement(Tokens.insertSql(Tokens.TABLE, Tokens.COLUMNS,
                                Tokens.WIDTH, perStatement))) {
                            int p = 1;
                            for (int i = stmt; i < stmt + perStatement; i++) {
                                p = Tokens.bind(ps, p, tokens.token(i));
                            }
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                }
                out(bdb.label, "insert %,d tokens as multi-row VALUES of %,d rows: %,.0f rows/s", rows, perStatement,
                        rows / ((System.nanoTime() - t) / 1e9));
            }
        }
        try (TestDatabase a = bdb.fresh(); Connection c = a.dataSource().getConnection()) {
            out(bdb.label, "insert %,d tokens as JDBC batches of 1,000 single-row INSERTs: %,.0f rows/s", rows,
                    ApplyPhase.ceiling(bdb, tokens, rows));
        }
        // journal deletes
        try (TestDatabase a = bdb.fresh(); TestDatabase b = bdb.empty()) {
            Engine.prepare(a.dataSource(), b.dataSource());
            try (Connection c = a.dataSource().getConnection()) {
                tokens.fill(c, 0, rows, false);
                List<Long> ids = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT SYNC_ID FROM SYN_J_TOKEN ORDER BY SYNC_ID")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                c.setAutoCommit(false);
                int half = ids.size() / 2;
                long t = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM SYN_J_TOKEN WHERE SYNC_ID = ?")) {
                    for (int i = 0; i < half; i++) {
                        ps.setLong(1, ids.get(i));
                        ps.addBatch();
                        if ((i + 1) % 1000 == 0) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                }
                out(bdb.label, "delete %,d journal rows, JDBC batches of 1,000 'WHERE SYNC_ID = ?' (the engine before): %,.0f "
                        + "rows/s", half, half / ((System.nanoTime() - t) / 1e9));
                t = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM SYN_J_TOKEN WHERE SYNC_ID BETWEEN ? AND ?")) {
                    for (int i = half; i < ids.size(); i += 1000) {
                        // the ids read in one batch are consecutive here; in general, one range per run of them
                        ps.setLong(1, ids.get(i));
                        ps.setLong(2, ids.get(Math.min(ids.size(), i + 1000) - 1));
                        ps.executeUpdate();
                        c.commit();
                    }
                }
                out(bdb.label, "delete %,d journal rows, one 'SYNC_ID BETWEEN ? AND ?' per 1,000: %,.0f rows/s",
                        ids.size() - half, (ids.size() - half) / ((System.nanoTime() - t) / 1e9));
            }
        }
        if (bdb.kind != DatabaseKind.H2) {
            EmbeddedDatabases.server(bdb.kind).stop();
        }
    }

    static void bulk(BenchDatabase bdb) throws Exception {
        final int rows = 100_000;
        Tokens tokens = new Tokens(78);
        List<String> columns = Arrays.asList(Tokens.COLUMNS.split(", "));
        for (int round = 1; round <= 3; round++) {
            out(bdb.label, "round %d: JDBC batches of 1,000 single-row INSERTs: %,.0f rows/s", round,
                    ApplyPhase.ceiling(bdb, tokens, rows));
            if (bdb.kind == DatabaseKind.POSTGRESQL) {
                try (TestDatabase a = bdb.fresh(); Connection c = a.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    long t = System.nanoTime();
                    for (int from = 0; from < rows; from += 1000) {
                        try (PreparedStatement ps = c.prepareStatement(Tokens.insertSql(Tokens.TABLE, Tokens.COLUMNS,
                                Tokens.WIDTH, 1000))) {
                            int p = 1;
                            for (int i = from; i < from + 1000; i++) {
                                p = Tokens.bind(ps, p, engineValues(tokens.token(i)));
                            }
                            ps.executeUpdate();
                        }
                        c.commit();
                    }
                    out(bdb.label, "round %d: multi-row VALUES of 1,000 rows (the engine before): %,.0f rows/s", round,
                            rows / ((System.nanoTime() - t) / 1e9));
                }
                try (TestDatabase a = bdb.fresh(); HikariDataSource pool = BenchDatabase.pool(a, "probe");
                     Connection c = pool.getConnection()) {
                    Dialect dialect = Dialects.forConnection(c);
                    c.setAutoCommit(false);
                    long t = System.nanoTime();
                    for (int from = 0; from < rows; from += 1000) {
                        List<Object[]> batch = new ArrayList<>();
                        for (int i = from; i < from + 1000; i++) {
                            batch.add(engineValues(tokens.token(i)));
                        }
                        if (!dialect.bulkInsert(c, Tokens.TABLE, columns, batch)) {
                            throw new IllegalStateException("COPY was not used");
                        }
                        c.commit();
                    }
                    out(bdb.label, "round %d: COPY FROM STDIN of 1,000 rows (the engine's): %,.0f rows/s", round,
                            rows / ((System.nanoTime() - t) / 1e9));
                }
            } else if (bdb.kind == DatabaseKind.MARIADB) {
                try (TestDatabase a = bdb.fresh(); Connection c = DriverManager.getConnection(a.jdbcUrl()
                        + (a.jdbcUrl().contains("?") ? "&" : "?") + "allowLocalInfile=true", a.username(),
                        a.password())) {
                    c.setAutoCommit(false);
                    String load = "LOAD DATA LOCAL INFILE 'tokens' INTO TABLE " + Tokens.TABLE
                            + " CHARACTER SET utf8mb4 (" + Tokens.COLUMNS + ")";
                    long t = System.nanoTime();
                    for (int from = 0; from < rows; from += 1000) {
                        StringBuilder text = new StringBuilder();
                        for (int i = from; i < from + 1000; i++) {
                            Object[] row = engineValues(tokens.token(i));
                            for (int col = 0; col < row.length; col++) {
                                // the probe's values hold no tab, newline or backslash, which would need escaping
                                Object v = row[col];
                                text.append(col == 0 ? "" : "\t").append(v == null ? "\\N"
                                        : v instanceof LocalDateTime ? v.toString().replace('T', ' ') : v.toString());
                            }
                            text.append('\n');
                        }
                        try (Statement st = c.createStatement()) {
                            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(
                                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
                            st.executeUpdate(load);
                        }
                        c.commit();
                    }
                    out(bdb.label, "round %d: LOAD DATA LOCAL INFILE from a stream, 1,000 rows: %,.0f rows/s", round,
                            rows / ((System.nanoTime() - t) / 1e9));
                    try (Statement st = c.createStatement()) {
                        String n = BenchDatabase.one(st, "SELECT COUNT(*) FROM " + Tokens.TABLE);
                        if (Long.parseLong(n) != rows) {
                            throw new IllegalStateException("LOAD DATA wrote " + n + " rows, expected " + rows);
                        }
                    }
                }
            }
        }
        if (bdb.kind != DatabaseKind.H2) {
            EmbeddedDatabases.server(bdb.kind).stop();
        }
    }

    /** A token as the engine holds it after reading it from a source: date and time as LocalDateTime. */
    private static Object[] engineValues(Object[] token) {
        Object[] row = token.clone();
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof Timestamp) {
                row[i] = ((Timestamp) row[i]).toLocalDateTime();
            }
        }
        return row;
    }

    private static void out(String what, String format, Object... args) {
        Log.line("[%s] %s", what, String.format(Locale.ROOT, format, args));
    }
}
