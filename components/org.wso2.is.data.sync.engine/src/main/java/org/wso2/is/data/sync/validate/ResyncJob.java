/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.CaptureMode;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.dialect.UnsupportedDatabaseException;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.safetext.SqlMessages;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * Queues every key of one synced table for sync ({@code resync --table T}): one set-based
 * {@code INSERT ... SELECT} from the table into its journal on the source, so the database does the work and
 * nothing is held in memory; with log capture, a stream of the source's keys into the table's journal on the
 * target. For a table whose target copy or capture was lost: the running sync, or the next drain, then brings
 * every row to its current source state.
 */
public final class ResyncJob implements Job {

    private static final Logger LOG = LogManager.getLogger(ResyncJob.class);

    @Override
    public void run(JobContext context) throws JobException {
        SyncTable table = table(context.getOptions().getResyncTable(), context.getConfiguration());
        if (context.getConfiguration().getCaptureMode() == CaptureMode.LOG) {
            resyncIntoTargetJournal(context, table);
            return;
        }
        try (Connection c = context.getSource().getConnection()) {
            Dialect dialect = Dialects.forConnection(c);
            RepairQueue.requireCapture(c, dialect, table, "resync --table " + table);
            c.setAutoCommit(false);
            try {
                long queued = RepairQueue.queueWholeTable(c, table);
                c.commit();
                LOG.info("{}: queued all {} keys for sync in {}; sync (or sync --until-drained) copies them", table,
                        queued, CaptureNames.of(table).getJournal());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new JobException("resync --table " + table + " failed: " + SqlMessages.describe(e) + "; no key was queued", e);
        } catch (UnsupportedDatabaseException e) {
            throw new JobException(e.getMessage(), e);
        }
    }

    /**
     * Log capture keeps the journals on the target: the source's keys are streamed into the target's journal in
     * batches ({@link RepairQueue}), each batch committed on its own; memory holds one batch.
     */
    private static void resyncIntoTargetJournal(JobContext context, SyncTable table) throws JobException {
        CaptureNames names = CaptureNames.of(table);
        List<String> keys = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            keys.add(k.getName());
        }
        try (Connection s = context.getSource().getConnection(); Connection t = context.getTarget().getConnection()) {
            t.setAutoCommit(true);
            RepairQueue.requireCapture(t, Dialects.forConnection(t), table, "resync --table " + table, true);
            RepairQueue queue = new RepairQueue(t, table);
            // A streamed read (drivers fetch by fetch size only inside a transaction), ended by a rollback.
            s.setAutoCommit(false);
            try (Statement st = s.createStatement()) {
                st.setFetchSize(1000);
                try (ResultSet rs = st.executeQuery("SELECT " + String.join(", ", keys) + " FROM " + table)) {
                    while (rs.next()) {
                        Object[] values = new Object[keys.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = rs.getObject(i + 1);
                        }
                        queue.add(values);
                    }
                }
                queue.flush();
            } finally {
                s.rollback();
            }
            LOG.info("{}: queued all {} keys for sync in {} on the target; sync (or sync --until-drained) copies them",
                    table, queue.queued(), names.getJournal());
        } catch (SQLException e) {
            throw new JobException("resync --table " + table + " failed: " + SqlMessages.describe(e)
                    + "; the keys queued before the failure stay queued (harmless: sync brings them to the source's "
                    + "state)", e);
        } catch (UnsupportedDatabaseException e) {
            throw new JobException(e.getMessage(), e);
        }
    }

    /** The synced table named {@code name} (letter case aside). */
    static SyncTable table(String name, SyncConfiguration config) throws JobException {
        List<String> synced = new ArrayList<>();
        for (SyncTable t : config.getSyncTables()) {
            synced.add(t.name());
            if (name != null && t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new JobException("resync --table " + (name == null ? "" : name) + ": "
                + (name == null || name.trim().isEmpty() ? "no table given" : "not a synced table")
                + "; expected one of syncTables: " + String.join(", ", synced));
    }
}
