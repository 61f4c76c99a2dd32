/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobException;

/**
 * The target's side of log capture: the journals ({@code SYN_J_*}, the same shape as on a source with triggers, key
 * columns copied from the target's own catalog) that the log pump fills and the workers consume, and the one-row
 * table that holds the log's restart position. Sync creates them on the restored target; not prepare, which runs
 * before the dump is restored there.
 */
public final class LogJournals {

    private static final Logger LOG = LogManager.getLogger(LogJournals.class);

    private LogJournals() {
    }

    /** Creates what is missing on {@code target} (auto-commit); keeps what exists, with its entries. */
    public static void ensure(Connection target, Dialect dialect, List<SyncTable> tables, String where)
            throws SQLException, JobException {
        target.setAutoCommit(true);
        List<String> problems = new ArrayList<>();
        List<CaptureNames> names = new Preflight(target, dialect, where).journalNames(tables, problems);
        if (!problems.isEmpty()) {
            throw new JobException("sync cannot start; fix these first:" + System.lineSeparator() + "  - "
                    + String.join(System.lineSeparator() + "  - ", problems));
        }
        List<CaptureObject> objects = new ArrayList<>();
        for (CaptureNames n : names) {
            for (CaptureObject o : dialect.captureObjects(n)) {
                if (o.getKind() == CaptureObject.Kind.TABLE) {
                    objects.add(o);
                }
            }
        }
        objects.add(dialect.logPositionTable());
        try (Statement s = target.createStatement()) {
            for (CaptureObject o : objects) {
                if (!dialect.exists(target, o)) {
                    s.execute(o.getCreateSql());
                    LOG.info("Created {} on {}: log capture keeps its journals on the target", o, where);
                }
            }
        }
    }

    /** The restart position stored on the target, or null before the first store. */
    public static String position(Connection target) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT POSITION FROM " + CaptureNames.LOG_POSITION_TABLE
                + " WHERE ID = 1"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Stores {@code position} in the caller's transaction. */
    public static void storePosition(Connection target, String position) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("UPDATE " + CaptureNames.LOG_POSITION_TABLE
                + " SET POSITION = ? WHERE ID = 1")) {
            ps.setString(1, position);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = target.prepareStatement("INSERT INTO " + CaptureNames.LOG_POSITION_TABLE
                + " (ID, POSITION) VALUES (1, ?)")) {
            ps.setString(1, position);
            ps.executeUpdate();
        }
    }
}
