/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * Queues keys for sync by writing them into the table's journal (on the source; on the target with log capture) as
 * updates ({@code OPERATION 'U'}),
 * the entries the capture triggers write: the running sync, or the next drain, then brings each key to its
 * current source state, and deletes it on the target when the source has no row for it. Keys are written in
 * batches, so memory does not grow with their number.
 */
final class RepairQueue {

    private static final int BATCH = 500;

    private final Connection connection;
    private final CaptureNames names;
    private final List<Object[]> buffer = new ArrayList<>();
    private long queued;

    /** @param connection a source connection in auto-commit mode: every batch stands on its own */
    RepairQueue(Connection connection, SyncTable table) {
        this.connection = connection;
        this.names = CaptureNames.of(table);
    }

    void add(Object[] keyValues) throws SQLException {
        buffer.add(keyValues);
        if (buffer.size() == BATCH) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        List<KeyColumn> keys = names.getKeyColumns();
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + names.getJournal()
                + " (OPERATION, " + columns(keys) + ") VALUES ('U'" + repeat(", ?", keys.size()) + ")")) {
            for (Object[] values : buffer) {
                for (int i = 0; i < keys.size(); i++) {
                    if (keys.get(i).getKind() == KeyColumn.Kind.INTEGER) {
                        ps.setInt(i + 1, ((Number) values[i]).intValue());
                    } else {
                        ps.setString(i + 1, String.valueOf(values[i]));
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        queued += buffer.size();
        buffer.clear();
    }

    /** How many keys went into the journal so far. */
    long queued() {
        return queued;
    }

    String journal() {
        return names.getJournal();
    }

    /**
     * Journals every key of {@code table} in one set-based statement; returns how many.
     */
    static long queueWholeTable(Connection connection, SyncTable table) throws SQLException {
        CaptureNames names = CaptureNames.of(table);
        String keys = columns(names.getKeyColumns());
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate("INSERT INTO " + names.getJournal() + " (OPERATION, " + keys + ") SELECT 'U', "
                    + keys + " FROM " + names.getSourceTable());
        }
    }

    /** Whether the table's journal exists on the source. */
    static boolean captured(Connection connection, Dialect dialect, SyncTable table) throws SQLException {
        return dialect.exists(connection, new CaptureObject(CaptureObject.Kind.TABLE,
                CaptureNames.of(table).getJournal(), "", ""));
    }

    /** @throws JobException naming the table and its journal when the table has no capture on the source */
    static void requireCapture(Connection connection, Dialect dialect, SyncTable table, String job)
            throws SQLException, JobException {
        requireCapture(connection, dialect, table, job, false);
    }

    /**
     * @param onTarget the journal is the target's (log capture), which sync creates there
     * @throws JobException naming the table and its journal when the table's journal does not exist
     */
    static void requireCapture(Connection connection, Dialect dialect, SyncTable table, String job, boolean onTarget)
            throws SQLException, JobException {
        if (onTarget && !captured(connection, dialect, table)) {
            throw new JobException(job + ": " + table + " has no journal on the target ("
                    + CaptureNames.of(table).getJournal() + " does not exist), so no key of it can be queued for "
                    + "sync; with captureMode = log, sync creates the target's journals when it starts: run prepare, "
                    + "then start sync once, then run " + job + " again");
        }
        if (!onTarget && !captured(connection, dialect, table)) {
            throw new JobException(job + ": " + table + " has no change capture on the source (its journal "
                    + CaptureNames.of(table).getJournal() + " does not exist), so no key of it can be queued for "
                    + "sync; run prepare to create the capture, then resync --table " + table + " (-DresyncTable="
                    + table + " in IS) to queue all its keys");
        }
    }

    private static String columns(List<KeyColumn> keys) {
        List<String> names = new ArrayList<>();
        for (KeyColumn k : keys) {
            names.add(k.getName());
        }
        return String.join(", ", names);
    }

    private static String repeat(String s, int times) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < times; i++) {
            sb.append(s);
        }
        return sb.toString();
    }
}
