/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.capture.CaptureNames;
import org.wso2.is.data.sync.capture.CaptureObject;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.dialect.UnsupportedDatabaseException;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.worker.KeyPredicate;

/**
 * The check before the cut-over: per synced table, the source as the target version would hold it against the
 * target. Differences that a change still waiting in the journal explains are reported as pending, so it can
 * run while traffic flows. Fails (exit code 1) when any other difference is found.
 */
public final class ValidateJob implements Job {

    private static final Logger LOG = LogManager.getLogger(ValidateJob.class);

    private final List<TableDifferences> results = new ArrayList<>();

    @Override
    public void run(JobContext context) throws JobException {
        SyncConfiguration config = context.getConfiguration();
        int differences = 0;
        int pending = 0;
        List<String> differingTables = new ArrayList<>();
        for (SyncTable table : config.getSyncTables()) {
            TableDifferences d;
            try {
                d = new TableComparer(table, config).compare(context.getSource(), context.getTarget());
                if (!d.differingKeys().isEmpty()) {
                    d.markPending(pendingKeys(context, table, d.differingKeys()));
                }
            } catch (SQLException e) {
                throw new JobException("validating " + table + " failed: " + e.getMessage() + " (SQLState "
                        + e.getSQLState() + ")", e);
            }
            results.add(d);
            for (String line : d.describe()) {
                LOG.info(line);
            }
            differences += d.differenceCount();
            pending += d.getPending().size();
            if (d.differenceCount() > 0) {
                differingTables.add(table.name());
            }
        }
        String summary = "Validation of " + config.getSyncTables().size() + " tables: " + differences
                + " differences" + (differingTables.isEmpty() ? "" : " in " + differingTables) + ", " + pending
                + " keys with changes still pending";
        if (differences > 0) {
            throw new JobException(summary + "; the target is NOT ready for the cut-over");
        }
        LOG.info("{}; the target holds everything the source does{}", summary,
                pending > 0 ? " except the pending changes: drain (sync --until-drained) and validate again" : "");
    }

    /** What the last run found, table by table. */
    public List<TableDifferences> getResults() {
        return results;
    }

    /**
     * The differing keys that have entries in a journal: the table's own, and for tokens and scopes the
     * other one's too (a change to either re-copies the token with its scopes).
     */
    private static Set<String> pendingKeys(JobContext context, SyncTable table, Map<String, List<Object>> keys)
            throws SQLException {
        Set<String> pending = new HashSet<>();
        try (Connection c = context.getSource().getConnection()) {
            c.setAutoCommit(true);
            Dialect dialect = Dialects.forConnection(c);
            collect(c, dialect, table, keys, keyWidth(table), pending);
            if (table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN) {
                collect(c, dialect, SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE, keys, 1, pending);
            } else if (table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE) {
                collect(c, dialect, SyncTable.IDN_OAUTH2_ACCESS_TOKEN, keys, 1, pending);
            }
        } catch (UnsupportedDatabaseException e) {
            throw new SQLException(e.getMessage(), e);
        }
        return pending;
    }

    private static int keyWidth(SyncTable table) {
        return CaptureNames.of(table).getKeyColumns().size();
    }

    /** Adds the keys whose first {@code width} values appear in {@code journalOf}'s journal. */
    private static void collect(Connection c, Dialect dialect, SyncTable journalOf, Map<String, List<Object>> keys,
                                int width, Set<String> pending) throws SQLException {
        CaptureNames names = CaptureNames.of(journalOf);
        if (!dialect.exists(c, new CaptureObject(CaptureObject.Kind.TABLE, names.getJournal(), "", ""))) {
            return;
        }
        List<String> columns = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns().subList(0, width)) {
            columns.add(k.getName());
        }
        List<String> canonical = new ArrayList<>(keys.keySet());
        List<List<Object>> values = new ArrayList<>();
        for (String k : canonical) {
            values.add(keys.get(k).subList(0, width));
        }
        Set<String> found = new HashSet<>();
        for (List<List<Object>> chunk : KeyPredicate.chunks(values)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", columns) + " FROM "
                    + names.getJournal() + " WHERE " + KeyPredicate.sql(columns, chunk.size()))) {
                KeyPredicate.bind(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] row = new Object[width];
                        int[] idx = new int[width];
                        for (int i = 0; i < width; i++) {
                            row[i] = rs.getObject(i + 1);
                            idx[i] = i;
                        }
                        found.add(RowDigest.key(row, idx));
                    }
                }
            }
        }
        for (int i = 0; i < canonical.size(); i++) {
            Object[] prefix = values.get(i).toArray();
            int[] idx = new int[width];
            for (int j = 0; j < width; j++) {
                idx[j] = j;
            }
            if (found.contains(RowDigest.key(prefix, idx))) {
                pending.add(canonical.get(i));
            }
        }
    }
}
