/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.changelog.LogCaptures;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * Removes every capture object on both databases (on the target they arrive with the dump of the source), for
 * all supported tables, whatever {@code syncTables} says now, and the target's owner table of sync. Refuses while
 * a sync holds the target. On the source it also drops the objects of log capture (PostgreSQL: the replication slot
 * and the publication), on the target the log's journals and position table. Only objects that exist are dropped,
 * so a second run does nothing.
 */
public final class CleanJob implements Job {

    private static final Logger LOG = LogManager.getLogger(CleanJob.class);

    @Override
    public void run(JobContext context) throws JobException, JobStoppedException {
        SyncConfiguration config = context.getConfiguration();
        CaptureSide target = new CaptureSide("target", config.getTargetDataSource(), context.getTarget());
        try (Connection connection = target.connect()) {
            Dialect dialect = target.dialect(connection);
            // A sync still running would find its journals gone; nothing is dropped while one holds the target.
            PairOwner.requireNoSync(connection, dialect, target.describe(dialect), "clean");
        } catch (SQLException e) {
            throw new JobException("cannot connect to the target database '" + config.getTargetDataSource() + "': "
                    + SqlMessages.describe(e), e);
        }
        List<String> failures = new ArrayList<>();
        failures.addAll(clean(new CaptureSide("source", config.getSourceDataSource(), context.getSource()), config));
        failures.addAll(clean(target, config));
        if (!failures.isEmpty()) {
            throw new JobException("clean could not drop:" + System.lineSeparator() + "  - "
                    + String.join(System.lineSeparator() + "  - ", failures));
        }
    }

    private static List<String> clean(CaptureSide side, SyncConfiguration config) throws JobException {
        List<String> failures = new ArrayList<>();
        try (Connection connection = side.connect()) {
            Dialect dialect = side.dialect(connection);
            String where = side.describe(dialect);
            List<SyncTable> all = new ArrayList<>(Arrays.asList(SyncTable.values()));
            Collections.reverse(all);
            int dropped = 0;
            try (Statement statement = connection.createStatement();
                 BoundedDdl ddl = new BoundedDdl(connection, dialect, where, config)) {
                for (SyncTable table : all) {
                    List<CaptureObject> objects = new ArrayList<>(dialect.captureObjects(CaptureNames.of(table)));
                    Collections.reverse(objects);
                    for (CaptureObject object : objects) {
                        try {
                            if (!dialect.exists(connection, object)) {
                                continue;
                            }
                            if (object.getKind() == CaptureObject.Kind.TABLE && "source".equals(side.getRole())) {
                                warnIfPending(statement, object, where);
                            }
                            ddl.execute(statement, object.getDropSql(), BoundedDdl.lockedTable(dialect, all, object));
                            dropped++;
                            LOG.info("Dropped {} on {}", object, where);
                        } catch (SQLException e) {
                            failures.add(object + " on " + where + ": " + SqlMessages.describe(e) + "; statement: "
                                    + object.getDropSql());
                            // A trigger left in place still writes its journal: dropping that would fail IS writes.
                            failures.add("the other capture objects of " + table + " on " + where + " were kept: "
                                    + "run clean again");
                            break;
                        }
                    }
                }
                if ("target".equals(side.getRole())) {
                    for (CaptureObject owner : Arrays.asList(dialect.ownerTable(), dialect.logPositionTable())) {
                        try {
                            if (dialect.exists(connection, owner)) {
                                ddl.execute(statement, owner.getDropSql(), owner.getName());
                                dropped++;
                                LOG.info("Dropped {} on {}", owner, where);
                            }
                        } catch (SQLException e) {
                            failures.add(owner + " on " + where + ": " + SqlMessages.describe(e) + "; statement: "
                                    + owner.getDropSql());
                        }
                    }
                }
                LogCapture log = LogCaptures.forDialect(dialect);
                if ("source".equals(side.getRole()) && log != null) {
                    // Whatever captureMode says now: a slot left behind would keep the source's log for ever.
                    try {
                        for (String d : log.clean(connection, where)) {
                            dropped++;
                            LOG.info("Dropped {} on {}", d, where);
                        }
                    } catch (SQLException e) {
                        failures.add("the log capture on " + where + ": " + SqlMessages.describe(e));
                    }
                }
                if ("target".equals(side.getRole()) && log != null) {
                    try {
                        for (String d : log.cleanTarget(connection, where)) {
                            dropped++;
                            LOG.info("Dropped {} (restored with the dump) on {}", d, where);
                        }
                    } catch (SQLException e) {
                        failures.add("the log capture's copy on " + where + ": " + SqlMessages.describe(e));
                    }
                }
            }
            LOG.info("{} objects dropped on {}", dropped, where);
        } catch (SQLException e) {
            failures.add("the " + side.getRole() + " database: " + SqlMessages.describe(e));
        }
        return failures;
    }

    /** Changes still in a journal are lost with it: say how many, so an early clean is noticed. */
    private static void warnIfPending(Statement statement, CaptureObject journal, String where) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + journal.getName())) {
            rs.next();
            long pending = rs.getLong(1);
            if (pending > 0) {
                LOG.warn("Dropping {} on {} with {} captured changes not yet synced", journal, where, pending);
            }
        }
    }
}
