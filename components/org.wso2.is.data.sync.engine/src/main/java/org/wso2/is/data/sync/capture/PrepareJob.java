/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.config.CaptureMode;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * Installs change capture on the source: a journal and triggers per synced table, or in log mode what the
 * database's change log needs ({@code changelog.LogCapture}). Checks both databases first;
 * creates only what is missing, so a second run changes nothing and loses no captured change; and if a statement
 * fails, drops again what this run created.
 */
public final class PrepareJob implements Job {

    private static final Logger LOG = LogManager.getLogger(PrepareJob.class);

    @Override
    public void run(JobContext context) throws JobException {
        SyncConfiguration config = context.getConfiguration();
        CaptureSide sourceSide = new CaptureSide("source", config.getSourceDataSource(), context.getSource());
        CaptureSide targetSide = new CaptureSide("target", config.getTargetDataSource(), context.getTarget());
        try (Connection source = sourceSide.connect(); Connection target = targetSide.connect()) {
            Dialect sourceDialect = sourceSide.dialect(source);
            Dialect targetDialect = targetSide.dialect(target);
            if (config.getCaptureMode() == CaptureMode.LOG) {
                prepareLog(config, source, sourceDialect, sourceSide.describe(sourceDialect), target, targetDialect,
                        targetSide.describe(targetDialect));
                return;
            }
            List<String> problems = new ArrayList<>();
            List<CaptureNames> names = Collections.emptyList();
            try {
                Preflight sourceCheck = new Preflight(source, sourceDialect, sourceSide.describe(sourceDialect));
                problems.addAll(sourceCheck.checkTables(config.getSyncTables(), config.getSourceVersion()));
                if (problems.isEmpty()) {
                    names = sourceCheck.journalNames(config.getSyncTables(), problems);
                    problems.addAll(sourceCheck.checkPrivileges(config.getSyncTables()));
                }
                problems.addAll(checkTarget(config, target, targetDialect, targetSide.describe(targetDialect)));
            } catch (SQLException e) {
                throw new JobException("the preflight checks failed: " + SqlMessages.describe(e), e);
            }
            if (!problems.isEmpty()) {
                throw new JobException("nothing was created; fix these first:" + System.lineSeparator() + "  - "
                        + String.join(System.lineSeparator() + "  - ", problems));
            }
            create(source, sourceDialect, sourceSide.describe(sourceDialect), config, names);
        } catch (SQLException e) {
            throw new JobException("closing a connection failed: " + SqlMessages.describe(e), e);
        }
    }

    /**
     * Log capture: no trigger and no journal on the source, only what the database's log reader needs (PostgreSQL: a
     * publication and a logical replication slot), after every check passed; the journals go on the target when
     * sync starts there.
     */
    private static void prepareLog(SyncConfiguration config, Connection source, Dialect sourceDialect, String where,
                                   Connection target, Dialect targetDialect, String targetWhere) throws JobException {
        LogCapture log = LogMode.of(sourceDialect, where);
        List<String> problems = new ArrayList<>();
        try {
            problems.addAll(new Preflight(source, sourceDialect, where).checkTables(config.getSyncTables(),
                    config.getSourceVersion()));
            problems.addAll(log.preflight(source, config.getSyncTables(), where));
            problems.addAll(checkTarget(config, target, targetDialect, targetWhere));
        } catch (SQLException e) {
            throw new JobException("the preflight checks failed: " + SqlMessages.describe(e), e);
        }
        if (!problems.isEmpty()) {
            throw new JobException("nothing was created; fix these first:" + System.lineSeparator() + "  - "
                    + String.join(System.lineSeparator() + "  - ", problems));
        }
        List<String> created;
        try {
            created = log.prepare(source, config.getSyncTables(), where);
        } catch (SQLException e) {
            throw new JobException("creating the log capture on " + where + " failed: " + SqlMessages.describe(e)
                    + "; what this run had created was dropped again", e);
        }
        for (String c : created) {
            LOG.info("Created {} on {}", c, where);
        }
        LOG.info("Log capture is in place on {} for {}: {} created, no trigger and no journal on the source; the "
                + "log keeps every change from now until sync has stored it on the target", where,
                config.getSyncTables(), created.isEmpty() ? "nothing new" : String.join(", ", created));
    }

    /**
     * The target has nothing created on it, but when it already holds the IS tables (restored and migrated),
     * they must match the target version. Before the restore it holds none, and the check waits for sync.
     */
    private static List<String> checkTarget(SyncConfiguration config, Connection target, Dialect dialect,
                                            String where) throws SQLException {
        Preflight check = new Preflight(target, dialect, where);
        if (check.existing(config.getSyncTables()).isEmpty()) {
            LOG.info("{} holds none of the synced tables yet (not restored): its columns are checked when sync "
                    + "starts", where);
            return Collections.emptyList();
        }
        return check.checkTables(config.getSyncTables(), config.getTargetVersion());
    }

    private static void create(Connection connection, Dialect dialect, String where, SyncConfiguration config,
                               List<CaptureNames> names)
            throws JobException {
        List<SyncTable> tables = config.getSyncTables();
        List<CaptureObject> created = new ArrayList<>();
        CaptureObject current = null;
        BoundedDdl ddl = null;
        try (Statement statement = connection.createStatement()) {
            ddl = new BoundedDdl(connection, dialect, where, config);
            for (CaptureObject object : CaptureSide.planFor(dialect, names)) {
                current = object;
                if (dialect.exists(connection, object)) {
                    LOG.info("Kept {} on {}: it exists already", object, where);
                    continue;
                }
                ddl.execute(statement, object.getCreateSql(), BoundedDdl.lockedTable(dialect, tables, object));
                created.add(object);
                if (dialect.compileWarningsAreErrors() && statement.getWarnings() != null) {
                    // Oracle creates a trigger that does not compile, with a warning; it would fail every IS write.
                    SQLException invalid = new SQLException(statement.getWarnings().getMessage() + " (the "
                            + object + " was created invalid)", statement.getWarnings().getSQLState());
                    statement.clearWarnings();
                    throw invalid;
                }
                LOG.info("Created {} on {}", object, where);
            }
            for (CaptureNames n : names) {
                try {
                    probe(connection, n);
                } catch (SQLException e) {
                    String undone = dropAgain(connection, dialect, created, where, ddl, tables);
                    throw new JobException("the journal " + n.getJournal() + " on " + where + " does not take an "
                            + "insert, so every IS write to " + n.getSourceTable() + " would fail: " + SqlMessages.describe(e)
                            + "; " + undone, e);
                }
            }
        } catch (SQLException e) {
            String undone = dropAgain(connection, dialect, created, where, ddl, tables);
            throw new JobException((current == null ? "setting the lock timeout on " + where + " failed: "
                    : "creating " + current + " on " + where + " failed: ") + SqlMessages.describe(e)
                    + (current == null ? "" : "; statement: " + current.getCreateSql())
                    + "; " + undone, e);
        } finally {
            if (ddl != null) {
                ddl.close();
            }
        }
        LOG.info("Change capture is in place on {} for {}: {} objects created", where, tables, created.size());
    }

    /**
     * Proves that the journal takes the insert its trigger makes (storage, quota, key types), in a transaction
     * that is rolled back, so no IS write is the first to find out.
     */
    private static void probe(Connection connection, CaptureNames n) throws SQLException {
        List<KeyColumn> keys = n.getKeyColumns();
        StringBuilder sql = new StringBuilder("INSERT INTO " + n.getJournal() + " (OPERATION");
        for (KeyColumn k : keys) {
            sql.append(", ").append(k.getName());
        }
        sql.append(") VALUES ('I'");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", ?");
        }
        sql.append(')');
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).getKind() == KeyColumn.Kind.INTEGER) {
                    ps.setInt(i + 1, 0);
                } else {
                    ps.setString(i + 1, "probe");
                }
            }
            ps.executeUpdate();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /**
     * Drops, newest first, what this run created, each drop as bounded as the creates ({@code ddl}, null when
     * nothing was created); says what could not be dropped.
     */
    private static String dropAgain(Connection connection, Dialect dialect, List<CaptureObject> created,
                                    String where, BoundedDdl ddl, List<SyncTable> tables) {
        if (created.isEmpty()) {
            return "nothing had been created";
        }
        List<CaptureObject> reversed = new ArrayList<>(created);
        Collections.reverse(reversed);
        List<String> left = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (CaptureObject object : reversed) {
                try {
                    ddl.execute(statement, object.getDropSql(), BoundedDdl.lockedTable(dialect, tables, object));
                    LOG.info("Dropped {} on {} again", object, where);
                } catch (SQLException e) {
                    left.add(object + " (" + SqlMessages.describe(e) + ")");
                }
            }
        } catch (SQLException e) {
            return "the objects created by this run could not be dropped again: " + SqlMessages.describe(e)
                    + "; run clean";
        }
        if (left.isEmpty()) {
            return "the " + created.size() + " objects created by this run were dropped again";
        }
        return "these objects could not be dropped again, run clean: " + String.join(", ", left);
    }
}
