/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.wso2.is.data.sync.dialect.Dialect;

/**
 * A WHERE clause matching a set of keys: {@code K IN (?, ...)} for one column, else
 * {@code (A = ? AND B = ?) OR ...}, which every supported database accepts (SQL Server has no row values).
 */
public final class KeyPredicate {

    /** Keeps every statement below SQL Server's 2,100 parameters and Oracle's 1,000 IN-list items. */
    public static final int MAX_KEYS_PER_STATEMENT = 500;

    private KeyPredicate() {
    }

    public static String sql(List<String> keyColumns, int keys) {
        if (keyColumns.size() == 1) {
            StringBuilder sb = new StringBuilder(keyColumns.get(0)).append(" IN (");
            for (int i = 0; i < keys; i++) {
                sb.append(i == 0 ? "?" : ", ?");
            }
            return sb.append(')').toString();
        }
        List<String> one = new ArrayList<>();
        for (String c : keyColumns) {
            one.add(c + " = ?");
        }
        String term = "(" + String.join(" AND ", one) + ")";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            sb.append(i == 0 ? term : " OR " + term);
        }
        return sb.toString();
    }

    /** Binds {@code keys} from parameter {@code first} on; returns the next free parameter index. */
    public static int bind(PreparedStatement ps, int first, List<List<Object>> keys) throws SQLException {
        int i = first;
        for (List<Object> key : keys) {
            for (Object v : key) {
                ps.setObject(i++, v);
            }
        }
        return i;
    }

    /** {@code keys} cut into statement-sized chunks. */
    public static List<List<List<Object>>> chunks(List<List<Object>> keys) {
        return chunks(keys, MAX_KEYS_PER_STATEMENT);
    }

    /**
     * {@code keys} of {@code keyColumns} cut into chunks for {@code dialect}'s database: as many as its IN lists take
     * for a single column, {@link #MAX_KEYS_PER_STATEMENT} OR-ed terms for several, as on every database (only the
     * IN lists were measured larger).
     */
    static List<List<List<Object>>> chunks(List<List<Object>> keys, List<String> keyColumns, Dialect dialect) {
        return chunks(keys, keyColumns.size() == 1 ? Math.max(1, dialect.keysPerInList()) : MAX_KEYS_PER_STATEMENT);
    }

    private static List<List<List<Object>>> chunks(List<List<Object>> keys, int perStatement) {
        List<List<List<Object>>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += perStatement) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + perStatement)));
        }
        return chunks;
    }

    /** A key value as compared in memory: drivers return the same integer as Integer, Long or BigDecimal. */
    static Object comparable(Object v) {
        return v instanceof Number ? (Object) ((Number) v).longValue() : v;
    }

    /** A key as compared in memory. */
    static List<Object> comparable(List<Object> key) {
        List<Object> values = new ArrayList<>(key.size());
        for (Object v : key) {
            values.add(comparable(v));
        }
        return values;
    }

    /** The {@code key} columns of {@code row}, as comparable values. */
    static List<Object> comparable(Object[] row, int[] key) {
        List<Object> values = new ArrayList<>(key.length);
        for (int k : key) {
            values.add(comparable(row[k]));
        }
        return values;
    }
}
