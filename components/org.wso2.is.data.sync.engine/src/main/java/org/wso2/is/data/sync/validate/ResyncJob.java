/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.dialect.UnsupportedDatabaseException;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * Queues every key of one synced table for sync ({@code resync --table T}): one set-based
 * {@code INSERT ... SELECT} from the table into its journal on the source, so the database does the work and
 * nothing is held in memory. For a table whose target copy or capture was lost: the running sync, or the next
 * drain, then brings every row to its current source state.
 */
public final class ResyncJob implements Job {

    private static final Logger LOG = LogManager.getLogger(ResyncJob.class);

    @Override
    public void run(JobContext context) throws JobException {
        SyncTable table = table(context.getOptions().getResyncTable(), context.getConfiguration());
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
