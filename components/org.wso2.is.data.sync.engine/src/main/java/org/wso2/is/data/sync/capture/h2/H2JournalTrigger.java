/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import org.h2.api.Trigger;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * The H2 capture trigger: writes the changed key into the table's journal, as the SQL triggers of the other
 * databases do. H2 loads it by name, so inside OSGi its package is exported for H2's dynamic import. Only the
 * methods of H2 1.4's interface are implemented, so it runs on 1.4.199 and on 2.x.
 */
public final class H2JournalTrigger implements Trigger {

    private String insert;
    private int[] keyPositions;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) throws SQLException {
        SyncTable table = SyncTable.fromName(tableName);
        if (table == null) {
            throw new SQLException("trigger " + triggerName + " is on " + tableName + ", which is not a synced table");
        }
        CaptureNames names = CaptureNames.of(table);
        List<KeyColumn> keys = names.getKeyColumns();
        keyPositions = new int[keys.size()];
        StringBuilder columns = new StringBuilder("OPERATION");
        StringBuilder params = new StringBuilder("?");
        for (int i = 0; i < keys.size(); i++) {
            keyPositions[i] = position(conn, schemaName, tableName, keys.get(i).getName());
            columns.append(", ").append(keys.get(i).getName());
            params.append(", ?");
        }
        insert = "INSERT INTO \"" + schemaName + "\"." + names.getJournal() + " (" + columns + ") VALUES ("
                + params + ")";
    }

    /** The 0-based index of a column in the row arrays H2 passes to {@link #fire}. */
    private static int position(Connection conn, String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT ORDINAL_POSITION FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("column " + column + " of " + schema + "." + table + " not found");
                }
                return rs.getInt(1) - 1;
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null) {
            journal(conn, "D", oldRow);
            return;
        }
        journal(conn, oldRow == null ? "I" : "U", newRow);
        if (oldRow != null && keyChanged(oldRow, newRow)) {
            journal(conn, "D", oldRow);
        }
    }

    private boolean keyChanged(Object[] oldRow, Object[] newRow) {
        for (int p : keyPositions) {
            if (!Objects.equals(oldRow[p], newRow[p])) {
                return true;
            }
        }
        return false;
    }

    private void journal(Connection conn, String operation, Object[] row) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(insert)) {
            ps.setString(1, operation);
            for (int i = 0; i < keyPositions.length; i++) {
                ps.setObject(i + 2, row[keyPositions[i]]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        // Nothing held between calls.
    }

    @Override
    public void remove() {
        // Nothing held between calls.
    }
}
