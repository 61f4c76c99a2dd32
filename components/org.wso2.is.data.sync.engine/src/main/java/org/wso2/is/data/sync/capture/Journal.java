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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.wso2.is.data.sync.ddl.CaptureNames;
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
        this.delete = "DELETE FROM " + names.getJournal();
        this.dialect = dialect;
    }

    public CaptureNames getNames() {
        return names;
    }

    /** The oldest committed entries, at most {@code limit}, in {@code SYNC_ID} order. */
    public List<JournalEntry> readOldest(Connection connection, int limit) throws SQLException {
        return readOldest(connection, limit, Collections.<JournalEntry>emptyList());
    }

    /**
     * The oldest committed entries other than {@code skipped} (read, not yet consumed), at most {@code limit}, in
     * {@code SYNC_ID} order. Skipping by id rather than reading past the largest id keeps a transaction that
     * commits late with smaller ids in the next read.
     */
    public List<JournalEntry> readOldest(Connection connection, int limit, List<JournalEntry> skipped)
            throws SQLException {
        Set<Long> skip = new HashSet<>();
        for (JournalEntry e : skipped) {
            skip.add(e.getSyncId());
        }
        List<JournalEntry> entries = new ArrayList<>();
        int keyCount = names.getKeyColumns().size();
        try (PreparedStatement ps = connection.prepareStatement(dialect.limit(select, limit + skip.size()))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (entries.size() < limit && rs.next()) {
                    long id = rs.getLong(1);
                    if (skip.contains(id)) {
                        continue;
                    }
                    Object[] key = new Object[keyCount];
                    for (int i = 0; i < keyCount; i++) {
                        key[i] = names.getKeyColumns().get(i).getKind() == KeyColumn.Kind.INTEGER
                                ? (Object) rs.getInt(4 + i) : rs.getString(4 + i);
                    }
                    entries.add(new JournalEntry(id, rs.getString(2).charAt(0), rs.getTimestamp(3), key));
                }
            }
        }
        return entries;
    }

    /**
     * Deletes exactly {@code entries} (the caller commits); returns how many rows went. Up to 500 ids per
     * statement ({@code SYNC_ID IN (...)}), or one array where the dialect prefers it: each is a point lookup on
     * the primary key, which on InnoDB locks only the rows deleted, never a gap where IS inserts new entries.
     */
    public int consume(Connection connection, List<JournalEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return 0;
        }
        String arrayType = dialect.bigintArrayType();
        if (arrayType != null) {
            Long[] ids = new Long[entries.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = entries.get(i).getSyncId();
            }
            try (PreparedStatement ps = connection.prepareStatement(delete + " WHERE SYNC_ID = ANY(?)")) {
                ps.setArray(1, connection.createArrayOf(arrayType, ids));
                return ps.executeUpdate();
            }
        }
        int deleted = 0;
        int perDelete = Math.max(1, dialect.keysPerInList());
        for (int from = 0; from < entries.size(); from += perDelete) {
            List<JournalEntry> chunk = entries.subList(from, Math.min(entries.size(), from + perDelete));
            StringBuilder sql = new StringBuilder(delete).append(" WHERE SYNC_ID IN (");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement ps = connection.prepareStatement(sql.append(')').toString())) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i).getSyncId());
                }
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }
}
