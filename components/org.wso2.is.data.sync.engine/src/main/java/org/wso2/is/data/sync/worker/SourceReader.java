/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.transform.Rows;

/** Reads the current rows of changed keys from the source tables. */
final class SourceReader {

    private SourceReader() {
    }

    /**
     * The rows of {@code table} whose {@code keyColumns} match one of {@code keys}, with {@code columns}; a key
     * with no row is a row that no longer exists.
     */
    static Rows fetch(Connection c, Dialect dialect, String table, List<String> columns, List<String> keyColumns,
                      List<List<Object>> keys) throws SQLException {
        Rows rows = null;
        String select = "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE ";
        for (List<List<Object>> chunk : KeyPredicate.chunks(keys, keyColumns, dialect)) {
            try (PreparedStatement ps = c.prepareStatement(select + KeyPredicate.sql(keyColumns, chunk.size()))) {
                KeyPredicate.bind(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rows == null) {
                        rows = new Rows(columns, types(rs.getMetaData()));
                    }
                    int n = columns.size();
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = JdbcValues.read(rs, i + 1, rows.sqlType(i));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows == null ? new Rows(columns, new int[columns.size()]) : rows;
    }

    private static int[] types(ResultSetMetaData md) throws SQLException {
        int[] types = new int[md.getColumnCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = md.getColumnType(i + 1);
        }
        return types;
    }
}
