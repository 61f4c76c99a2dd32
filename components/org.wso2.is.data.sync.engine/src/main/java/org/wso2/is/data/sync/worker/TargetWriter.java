/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.transform.Rows;

/**
 * Set-based writes into the target: deletes of many keys per statement, and inserts of many rows per
 * statement (one multi-row VALUES, which MariaDB runs near its plain-insert speed, unlike batched upserts),
 * or a JDBC batch where the database has no multi-row VALUES (Oracle before 23c).
 */
final class TargetWriter {

    /** Parameters per statement: under SQL Server's 2,100 with room to spare. */
    private static final int MAX_PARAMETERS = 2000;
    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    private final Dialect dialect;

    TargetWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Deletes the rows of {@code table} whose {@code keyColumns} match {@code keys}; returns rows deleted. */
    int delete(Connection c, String table, List<String> keyColumns, List<List<Object>> keys) throws SQLException {
        int deleted = 0;
        String delete = "DELETE FROM " + table + " WHERE ";
        for (List<List<Object>> chunk : KeyPredicate.chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement(delete + KeyPredicate.sql(keyColumns, chunk.size()))) {
                KeyPredicate.bind(ps, 1, chunk);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    /** Inserts all {@code rows} into {@code table}. */
    void insert(Connection c, String table, Rows rows) throws SQLException {
        if (rows.size() == 0) {
            return;
        }
        int columns = rows.getColumns().size();
        String head = "INSERT INTO " + table + " (" + String.join(", ", rows.getColumns()) + ") VALUES ";
        String tuple = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        if (!dialect.supportsMultiRowInsert()) {
            try (PreparedStatement ps = c.prepareStatement(head + tuple)) {
                for (Object[] row : rows.getValues()) {
                    bind(ps, 1, row, rows);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return;
        }
        int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_PARAMETERS / columns));
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
            if (row[i] == null) {
                // The source column's type: some drivers (Oracle) refuse an untyped null.
                ps.setNull(p++, rows.sqlType(i));
            } else {
                ps.setObject(p++, row[i]);
            }
        }
        return p;
    }
}
