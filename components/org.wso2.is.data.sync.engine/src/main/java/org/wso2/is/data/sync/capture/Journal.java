/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * Reads and consumes one table's journal. Reading never keeps a cursor: it takes the oldest rows that are
 * committed now, and consuming deletes exactly the rows read. A transaction that commits late, with smaller
 * {@code SYNC_ID}s than rows already consumed, is simply read next time; a rolled-back one never shows; so no
 * change is passed over and nothing waits on a gap (the argument is in docs/design/capture.md).
 */
public final class Journal {

    private final Dialect dialect;
    private final CaptureNames names;
    private final String select;
    private final String delete;

    public Journal(Dialect dialect, CaptureNames names) {
        this.names = names;
        StringBuilder keys = new StringBuilder();
        for (KeyColumn k : names.getKeyColumns()) {
            keys.append(", ").append(k.getName());
        }
        this.select = "SELECT SYNC_ID, OPERATION, CHANGED_AT" + keys + " FROM " + names.getJournal()
                + " ORDER BY SYNC_ID";
        this.delete = "DELETE FROM " + names.getJournal() + " WHERE SYNC_ID = ?";
        this.dialect = dialect;
    }

    public CaptureNames getNames() {
        return names;
    }

    /** The oldest committed entries, at most {@code limit}, in {@code SYNC_ID} order. */
    public List<JournalEntry> readOldest(Connection connection, int limit) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        int keyCount = names.getKeyColumns().size();
        try (PreparedStatement ps = connection.prepareStatement(dialect.limit(select, limit))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] key = new Object[keyCount];
                    for (int i = 0; i < keyCount; i++) {
                        key[i] = names.getKeyColumns().get(i).getKind() == KeyColumn.Kind.INTEGER
                                ? (Object) rs.getInt(4 + i) : rs.getString(4 + i);
                    }
                    entries.add(new JournalEntry(rs.getLong(1), rs.getString(2).charAt(0), rs.getTimestamp(3), key));
                }
            }
        }
        return entries;
    }

    /** Deletes exactly {@code entries} (the caller commits); returns how many rows went. */
    public int consume(Connection connection, List<JournalEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(delete)) {
            for (JournalEntry e : entries) {
                ps.setLong(1, e.getSyncId());
                ps.addBatch();
            }
            int deleted = 0;
            for (int n : ps.executeBatch()) {
                deleted += Math.max(n, 0);
            }
            return deleted;
        }
    }
}
