/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.TableDefinitions;

/** Compares a synced table of source and target row for row, column by column, in key order. */
public final class TableComparison {

    private TableComparison() {
    }

    /** Every synced table of IS 5.9.0, row for row. */
    public static void assertAllSame(DataSource source, DataSource target) throws SQLException {
        for (SyncTable table : SyncTable.values()) {
            assertSame(source, target, table, ProductVersion.V5_9_0);
        }
    }

    public static void assertSame(DataSource source, DataSource target, SyncTable table, ProductVersion version)
            throws SQLException {
        List<String> columns = TableDefinitions.columns(table, version);
        List<String> expected = rows(source, table, columns);
        List<String> actual = rows(target, table, columns);
        assertEquals(expected.size(), actual.size(), table + ": row count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), table + ": row " + i);
        }
    }

    /** Every row as {@code COL=value|...}, sorted here: databases collate strings differently. */
    public static List<String> rows(DataSource db, SyncTable table, List<String> columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT "
                + String.join(", ", columns) + " FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < columns.size(); i++) {
                    row.append(columns.get(i)).append('=').append(normalize(rs.getObject(i + 1))).append('|');
                }
                out.add(row.toString());
            }
        }
        Collections.sort(out);
        return out;
    }

    /** The same value reads back as different Java types from different drivers. */
    public static String normalize(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number) {
            return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Timestamp) {
            return String.valueOf(((Timestamp) v).getTime());
        }
        if (v instanceof java.time.LocalDateTime) {
            return String.valueOf(Timestamp.valueOf((java.time.LocalDateTime) v).getTime());
        }
        return v.toString();
    }
}
