/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.BoundedDataSource;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.transform.Rows;

/**
 * On PostgreSQL the rows a target lacks go in by {@code COPY ... FROM STDIN}: every value type reads back exactly
 * as an INSERT would have written it (NULL apart from the empty string, text with COPY's own delimiters and escape
 * character, fractions of a second, bytea), through the tool's timeout wrapper and a pool-like proxy; a connection
 * that does not lead to pgjdbc's gets INSERT; a duplicate key met by COPY still heals and the batch lands.
 */
class CopyIT {

    private static final List<String> COLUMNS = Arrays.asList("ID", "I", "B", "S", "N", "V", "T", "TS", "BY", "BO");
    private static final int[] TYPES = {Types.INTEGER, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.NUMERIC,
        Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.BINARY, Types.BOOLEAN};
    private static final String AWKWARD = "tab\there\nnew line\\back slash\r\\N \uD83D\uDE00 end";

    @Test
    void everyValueTypeReadsBackExactlyAfterCopy() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            createTable(db);
            List<String> statements = new ArrayList<>();
            BoundedDataSource bounded = BoundedDataSource.wrap(db.dataSource(), "tgt", 30_000, 30_000);
            try (Connection c = recording(bounded.getConnection(), statements, true)) {
                c.setAutoCommit(false);
                new TargetWriter(Dialects.forConnection(c)).insert(c, "COPY_TYPES", rows());
                c.commit();
            }
            assertEquals(new ArrayList<String>(), statements, "no INSERT was prepared: the rows went in by COPY");
            assertExactRows(db);
        }
    }

    @Test
    void aConnectionThatDoesNotUnwrapGetsInsertAndTheSameRows() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            createTable(db);
            List<String> statements = new ArrayList<>();
            try (Connection c = recording(db.dataSource().getConnection(), statements, false)) {
                c.setAutoCommit(false);
                new TargetWriter(Dialects.forConnection(c)).insert(c, "COPY_TYPES", rows());
                c.commit();
            }
            assertEquals(1, statements.size(), "one multi-row INSERT: " + statements);
            assertExactRows(db);
        }
    }

    /**
     * A stale target row (gone from the source) holds the CON_APP_KEY slot of one of 50 new tokens: the COPY of
     * the batch meets the duplicate key, the transaction is rolled back, the holder is healed from the source
     * (deleted) and the batch lands whole.
     */
    @Test
    void aCopyThatMeetsADuplicateKeyHealsAndTheBatchLands() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=100",
                    "syncInterval=100");
            try (Connection c = tgt.dataSource().getConnection()) {
                LaggingTokenIT.insertToken(c, "stale-token", "user25");
            }
            try (Connection c = src.dataSource().getConnection()) {
                for (int i = 0; i < 50; i++) {
                    LaggingTokenIT.insertToken(c, "token-" + i, "user" + i);
                }
            }
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(30));
            SyncIT.assertAllTablesMatch(src, tgt);
            assertEquals(1, log.find(Level.INFO, m -> m.contains("duplicate key value violates unique constraint "
                    + "\"con_app_key\"") && m.contains("1 target rows hold a unique value the batch writes")).size(),
                    "the COPY met the stale row's slot, which was healed: " + log.find(Level.INFO, m -> true));
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.find(Level.ERROR, m -> true));
        }
    }

    private static void createTable(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE COPY_TYPES (ID INTEGER PRIMARY KEY, I INTEGER, B BIGINT, S SMALLINT, "
                    + "N NUMERIC(20, 5), V VARCHAR(100), T TEXT, TS TIMESTAMP, BY BYTEA, BO BOOLEAN)");
        }
    }

    private static Rows rows() {
        Rows rows = new Rows(COLUMNS, TYPES);
        rows.add(new Object[] {1, null, null, null, null, null, null, null, null, null});
        rows.add(new Object[] {2, 0, 0L, (short) 0, BigDecimal.ZERO, "", "", LocalDateTime.of(2026, 3, 29, 2, 30),
            new byte[0], false});
        rows.add(new Object[] {3, Integer.MIN_VALUE, Long.MAX_VALUE, Short.MIN_VALUE, new BigDecimal("1E+3"),
            "\\N", AWKWARD, LocalDateTime.of(2026, 12, 31, 23, 59, 59, 123_456_000),
            new byte[] {0, 1, (byte) 0xff, '\t', '\n', '\\', 'N'}, true});
        // Nanoseconds beyond the microsecond round half up, as pgjdbc rounds a bound LocalDateTime.
        rows.add(new Object[] {4, -1, -1L, (short) -1, new BigDecimal("-12345.67891"), " ", " \t ",
            LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_500), new byte[] {'\\', 'x'}, null});
        rows.add(new Object[] {5, 7, 7L, (short) 7, new BigDecimal("0.00001"), "x", "x",
            LocalDateTime.of(1, 1, 1, 0, 0, 0, 1_499), new byte[] {127}, true});
        return rows;
    }

    /** What the test's own query reads back, row by row, against the values written. */
    private static void assertExactRows(TestDatabase db) throws SQLException {
        List<String> actual = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, I, B, S, N, V, T, TS, BY, BO FROM COPY_TYPES ORDER BY ID")) {
            while (rs.next()) {
                byte[] bytes = rs.getBytes(9);
                actual.add(rs.getInt(1) + "|" + rs.getObject(2) + "|" + rs.getObject(3) + "|" + rs.getObject(4) + "|"
                        + rs.getBigDecimal(5) + "|" + quoted(rs.getString(6)) + "|" + quoted(rs.getString(7)) + "|"
                        + rs.getObject(8, LocalDateTime.class) + "|" + (bytes == null ? null : Arrays.toString(bytes))
                        + "|" + rs.getObject(10));
            }
        }
        assertEquals(Arrays.asList(
                "1|null|null|null|null|null|null|null|null|null",
                "2|0|0|0|0.00000|''|''|2026-03-29T02:30|[]|false",
                "3|-2147483648|9223372036854775807|-32768|1000.00000|'\\N'|'" + AWKWARD + "'|2026-12-31T23:59:59.123456"
                        + "|[0, 1, -1, 9, 10, 92, 78]|true",
                "4|-1|-1|-1|-12345.67891|' '|' \t '|2000-01-01T00:00|[92, 120]|null",
                "5|7|7|7|0.00001|'x'|'x'|0001-01-01T00:00:00.000001|[127]|true"), actual);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT T FROM COPY_TYPES WHERE ID = 3")) {
            rs.next();
            assertArrayEquals(AWKWARD.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8), "the 4-byte character intact");
        }
    }

    private static String quoted(String s) {
        return s == null ? null : "'" + s + "'";
    }

    /**
     * A pool-like proxy around {@code c} that notes every INSERT prepared; with {@code unwraps} false it declines
     * to unwrap, as a proxy that does not implement {@code Wrapper} properly does.
     */
    private static Connection recording(Connection c, List<String> inserts, boolean unwraps) {
        return (Connection) Proxy.newProxyInstance(CopyIT.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String m = method.getName();
                    if (!unwraps && (m.equals("isWrapperFor") || m.equals("unwrap"))) {
                        if (m.equals("isWrapperFor")) {
                            return false;
                        }
                        throw new SQLException("not a wrapper for " + args[0]);
                    }
                    if (m.equals("prepareStatement") && ((String) args[0]).toUpperCase(Locale.ROOT)
                            .startsWith("INSERT")) {
                        inserts.add((String) args[0]);
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
