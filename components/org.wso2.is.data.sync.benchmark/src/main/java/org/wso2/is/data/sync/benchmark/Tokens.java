/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * IS-like token rows, the same for a given seed and index wherever they are written: 36-character UUIDs for the
 * token id and the tokens, one user per token (so the CON_APP_KEY unique key never clashes), three apps.
 */
final class Tokens {

    static final String TABLE = "IDN_OAUTH2_ACCESS_TOKEN";
    static final String SCOPE_TABLE = "IDN_OAUTH2_ACCESS_TOKEN_SCOPE";
    static final String COLUMNS = "TOKEN_ID, ACCESS_TOKEN, REFRESH_TOKEN, CONSUMER_KEY_ID, AUTHZ_USER, TENANT_ID, "
            + "USER_DOMAIN, USER_TYPE, GRANT_TYPE, TIME_CREATED, REFRESH_TOKEN_TIME_CREATED, VALIDITY_PERIOD, "
            + "REFRESH_TOKEN_VALIDITY_PERIOD, TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, SUBJECT_IDENTIFIER, "
            + "ACCESS_TOKEN_HASH, REFRESH_TOKEN_HASH, IDP_ID";
    static final int WIDTH = 20;
    static final String SCOPE_COLUMNS = "TOKEN_ID, TOKEN_SCOPE, TENANT_ID";
    static final String[] SCOPES = {"openid", "profile", "email"};
    static final String INSERT_TOKEN = insertSql(TABLE, COLUMNS, WIDTH, 1);
    static final String INSERT_SCOPE = insertSql(SCOPE_TABLE, SCOPE_COLUMNS, 3, 1);
    static final int TENANT = -1234;

    private final long seed;
    /** Whole seconds: MariaDB's TIMESTAMP keeps no fractions. */
    private final Timestamp created = new Timestamp(System.currentTimeMillis() / 1000 * 1000);

    Tokens(long seed) {
        this.seed = seed;
    }

    Object[] token(long i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        String user = "user" + seed + "_" + i;
        return new Object[] {
            uuid(r), uuid(r), uuid(r), (int) (1 + i % 3), user, TENANT, "PRIMARY", "APPLICATION_USER", "password",
            created, created, 3_600_000L, 86_400_000L, hex(r, 2), "ACTIVE", "NONE", user + "@carbon.super",
            hex(r, 4), hex(r, 4), 1};
    }

    static Object[][] scopes(Object[] token) {
        Object[][] rows = new Object[SCOPES.length][];
        for (int s = 0; s < SCOPES.length; s++) {
            rows[s] = new Object[] {token[0], SCOPES[s], TENANT};
        }
        return rows;
    }

    private static String uuid(SplittableRandom r) {
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    private static String hex(SplittableRandom r, int longs) {
        StringBuilder sb = new StringBuilder(longs * 16);
        for (int i = 0; i < longs; i++) {
            sb.append(String.format("%016x", r.nextLong()));
        }
        return sb.toString();
    }

    static String insertSql(String table, String columns, int width, int rows) {
        String tuple = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        return "INSERT INTO " + table + " (" + columns + ") VALUES " + String.join(", ", Collections.nCopies(rows, tuple));
    }

    static int bind(PreparedStatement ps, int first, Object[] row) throws SQLException {
        int p = first;
        for (Object v : row) {
            ps.setObject(p++, v);
        }
        return p;
    }

    /** One IS token issue: the token and its three scopes (a JDBC batch, as IS's DAO does); the caller commits. */
    static void issue(PreparedStatement token, PreparedStatement scope, Object[] row) throws SQLException {
        bind(token, 1, row);
        token.executeUpdate();
        for (Object[] s : scopes(row)) {
            bind(scope, 1, s);
            scope.addBatch();
        }
        scope.executeBatch();
    }

    /**
     * Writes tokens {@code from} to {@code to - 1} (and, with {@code withScopes}, their scopes) in transactions of
     * 1,000 tokens, as multi-row INSERTs: the quickest way to fill a journal, whose triggers fire per row anyway.
     */
    void fill(Connection c, long from, long to, boolean withScopes) throws SQLException {
        final int perTx = 1000;
        final int perStatement = 250;
        c.setAutoCommit(false);
        try (PreparedStatement tokens = c.prepareStatement(insertSql(TABLE, COLUMNS, WIDTH, perStatement));
             PreparedStatement scopes = c.prepareStatement(insertSql(SCOPE_TABLE, SCOPE_COLUMNS, 3, perStatement))) {
            for (long tx = from; tx < to; tx += perTx) {
                long end = Math.min(to, tx + perTx);
                List<Object[]> tokenRows = new ArrayList<>();
                List<Object[]> scopeRows = new ArrayList<>();
                for (long i = tx; i < end; i++) {
                    Object[] t = token(i);
                    tokenRows.add(t);
                    if (withScopes) {
                        Collections.addAll(scopeRows, scopes(t));
                    }
                }
                insertRows(c, tokens, TABLE, COLUMNS, WIDTH, perStatement, tokenRows);
                insertRows(c, scopes, SCOPE_TABLE, SCOPE_COLUMNS, 3, perStatement, scopeRows);
                c.commit();
            }
        }
    }

    private static void insertRows(Connection c, PreparedStatement full, String table, String columns, int width,
                                   int perStatement, List<Object[]> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            if (chunk.size() == perStatement) {
                bindAll(full, chunk);
                full.executeUpdate();
            } else {
                try (PreparedStatement ps = c.prepareStatement(insertSql(table, columns, width, chunk.size()))) {
                    bindAll(ps, chunk);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void bindAll(PreparedStatement ps, List<Object[]> rows) throws SQLException {
        int p = 1;
        for (Object[] row : rows) {
            p = bind(ps, p, row);
        }
    }
}
