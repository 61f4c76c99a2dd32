/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.transform.Rows;

/**
 * Set-based writes into the target: deletes of many keys per statement, a key lookup per 500 keys, updates
 * as one JDBC batch, and inserts through the driver's bulk-load path (PostgreSQL's COPY) or else either as
 * multi-row VALUES statements, as many rows a statement as the dialect's
 * parameter limit allows, or as one JDBC batch where that is faster (MariaDB Connector/J) or the only way (Oracle
 * before 23c). No vendor upsert: MySQL's ON DUPLICATE KEY UPDATE also fires on CON_APP_KEY and would
 * overwrite another token's row.
 */
final class TargetWriter {

    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    private final Dialect dialect;
    /** The dialect's insert shape for the target's driver, asked once: the driver does not change. */
    private Integer parameterLimit;

    TargetWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Deletes the rows of {@code table} whose {@code keyColumns} (a prefix or all of its {@code primaryKey}) equal
     * one of {@code keys} exactly; returns rows deleted. Where the target may compare text case- or
     * trailing-space-insensitively, a plain {@code DELETE ... WHERE K IN (...)} would also take 'bob' for 'Bob':
     * there the rows are looked up first (the database returns every row it calls equal), kept only where the key
     * is the same to the letter, and deleted by their whole primary key, which the database holds unique under its
     * own comparison and so names exactly one row.
     */
    int delete(Connection c, String table, List<String> primaryKey, List<String> keyColumns,
               List<List<Object>> keys) throws SQLException {
        if (!dialect.textKeysMayFold()) {
            return deleteMatching(c, table, keyColumns, keys);
        }
        Set<List<Object>> wanted = comparable(keys);
        List<List<Object>> exact = new ArrayList<>();
        for (List<Object> row : lookup(c, table, primaryKey, keyColumns, keys)) {
            if (wanted.contains(row.subList(0, keyColumns.size()))) {
                exact.add(row);
            }
        }
        return deleteMatching(c, table, primaryKey, exact);
    }

    private int deleteMatching(Connection c, String table, List<String> keyColumns, List<List<Object>> keys)
            throws SQLException {
        int deleted = 0;
        String delete = "DELETE FROM " + table + " WHERE ";
        for (List<List<Object>> chunk : KeyPredicate.chunks(keys, keyColumns, dialect)) {
            try (PreparedStatement ps = c.prepareStatement(delete + KeyPredicate.sql(keyColumns, chunk.size()))) {
                KeyPredicate.bind(ps, 1, chunk);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    /**
     * Writes {@code rows} by primary key: rows whose key the target has are updated in place (IS tables that
     * reference tokens and codes, such as IDN_OIDC_REQ_OBJECT_REFERENCE, cascade on delete, so a delete and
     * re-insert would take their rows away), the others inserted. Updates go first and in the order of
     * {@code rows}, so a row that gives up a unique value (a refreshed token's old row) does so before a new
     * row takes it. Keys in {@code absent} (comparable values) are taken as missing from the target without a
     * lookup; the caller guarantees that the target refuses such an insert if the key is there after all.
     */
    void upsert(Connection c, String table, List<String> keyColumns, Rows rows, Set<List<Object>> absent)
            throws SQLException {
        if (rows.size() == 0) {
            return;
        }
        int[] key = new int[keyColumns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = rows.indexOf(keyColumns.get(i));
        }
        List<List<Object>> keys = new ArrayList<>();
        List<List<Object>> unknown = new ArrayList<>();
        for (Object[] row : rows.getValues()) {
            List<Object> k = KeyPredicate.comparable(row, key);
            keys.add(k);
            if (!absent.contains(k)) {
                unknown.add(k);
            }
        }
        Set<List<Object>> existing = existing(c, table, keyColumns, unknown);
        Rows inserts = new Rows(rows.getColumns(), types(rows));
        List<Object[]> updates = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (existing.contains(keys.get(i))) {
                updates.add(rows.getValues().get(i));
            } else {
                inserts.add(rows.getValues().get(i));
            }
        }
        update(c, table, keyColumns, rows, key, updates);
        insert(c, table, inserts);
    }

    /**
     * The keys of {@code keys} the target has, to the letter, as comparable values (integers as Long). The
     * database may return more (rows it calls equal under a case-insensitive collation); those are not the key.
     */
    Set<List<Object>> existing(Connection c, String table, List<String> keyColumns, List<List<Object>> keys)
            throws SQLException {
        Set<List<Object>> found = new HashSet<>(lookup(c, table, keyColumns, keyColumns, keys));
        found.retainAll(comparable(keys));
        return found;
    }

    /** Keys as compared in memory: a journal's INTEGER key reads as Integer, a table's as Long or BigDecimal. */
    private static Set<List<Object>> comparable(List<List<Object>> keys) {
        Set<List<Object>> out = new HashSet<>();
        for (List<Object> key : keys) {
            out.add(KeyPredicate.comparable(key));
        }
        return out;
    }

    /**
     * The {@code columns} of the rows whose {@code keyColumns} match {@code keys} as the database compares them,
     * as comparable values.
     */
    List<List<Object>> lookup(Connection c, String table, List<String> columns, List<String> keyColumns,
                              List<List<Object>> keys) throws SQLException {
        List<List<Object>> found = new ArrayList<>();
        String select = "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE ";
        for (List<List<Object>> chunk : KeyPredicate.chunks(keys, keyColumns, dialect)) {
            try (PreparedStatement ps = c.prepareStatement(select + KeyPredicate.sql(keyColumns, chunk.size()))) {
                KeyPredicate.bind(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(columns.size());
                        for (int i = 0; i < columns.size(); i++) {
                            row.add(KeyPredicate.comparable(rs.getObject(i + 1)));
                        }
                        found.add(row);
                    }
                }
            }
        }
        return found;
    }

    private static void update(Connection c, String table, List<String> keyColumns, Rows rows, int[] key,
                               List<Object[]> updates) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        List<Integer> set = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < rows.getColumns().size(); i++) {
            if (!keyColumns.contains(rows.getColumns().get(i))) {
                set.add(i);
                assignments.add(rows.getColumns().get(i) + " = ?");
            }
        }
        List<String> where = new ArrayList<>();
        for (String k : keyColumns) {
            where.add(k + " = ?");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + String.join(", ", assignments)
                + " WHERE " + String.join(" AND ", where))) {
            for (Object[] row : updates) {
                int p = 1;
                for (int i : set) {
                    p = bindValue(ps, p, row[i], rows.sqlType(i));
                }
                for (int k : key) {
                    p = bindValue(ps, p, row[k], rows.sqlType(k));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int[] types(Rows rows) {
        int[] types = new int[rows.getColumns().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = rows.sqlType(i);
        }
        return types;
    }

    /**
     * Inserts all {@code rows} into {@code table}: through the driver's bulk-load path where the dialect has one
     * for this connection and these values (COPY on PostgreSQL), else by INSERT.
     */
    void insert(Connection c, String table, Rows rows) throws SQLException {
        if (rows.size() == 0 || dialect.bulkInsert(c, table, rows.getColumns(), rows.getValues())) {
            return;
        }
        int columns = rows.getColumns().size();
        String head = "INSERT INTO " + table + " (" + String.join(", ", rows.getColumns()) + ") VALUES ";
        String tuple = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        if (parameterLimit == null) {
            parameterLimit = dialect.insertParameterLimit(c);
        }
        if (parameterLimit == 0) {
            try (PreparedStatement ps = c.prepareStatement(head + tuple)) {
                for (Object[] row : rows.getValues()) {
                    bind(ps, 1, row, rows);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return;
        }
        int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, parameterLimit / columns));
        List<Object[]> all = rows.getValues();
        for (int from = 0; from < all.size(); from += perStatement) {
            List<Object[]> chunk = all.subList(from, Math.min(all.size(), from + perStatement));
            StringBuilder sql = new StringBuilder(head);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? tuple : ", " + tuple);
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Object[] row : chunk) {
                    p = bind(ps, p, row, rows);
                }
                ps.executeUpdate();
            }
        }
    }

    private static int bind(PreparedStatement ps, int first, Object[] row, Rows rows) throws SQLException {
        int p = first;
        for (int i = 0; i < row.length; i++) {
            p = bindValue(ps, p, row[i], rows.sqlType(i));
        }
        return p;
    }

    private static int bindValue(PreparedStatement ps, int p, Object value, int sqlType) throws SQLException {
        if (value == null) {
            // The source column's type: some drivers (Oracle) refuse an untyped null.
            ps.setNull(p, sqlType);
        } else {
            JdbcValues.bind(ps, p, value);
        }
        return p + 1;
    }
}
