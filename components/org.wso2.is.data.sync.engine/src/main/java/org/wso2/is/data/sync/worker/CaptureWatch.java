/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.StopSignal;

/**
 * Checks, at every progress report, that each synced table's capture is still in place on the source: its journal
 * exists and its triggers are on that very table and fire. A DBA script that re-creates or swaps a table (token
 * cleanup procedures do) leaves the triggers behind with the old table, and from then on that table's changes go
 * uncaptured. Such a group is stopped at once, with an ERROR saying since when changes may be missing and what to
 * do; the other groups go on.
 */
final class CaptureWatch {

    private static final Logger LOG = LogManager.getLogger(CaptureWatch.class);

    private final DataSource source;
    private final Dialect dialect;
    private final String sourceName;
    private final Map<TableGroup, StopSignal> signals = new LinkedHashMap<>();
    /** When each table's capture was last seen in place; written only by the reporting thread. */
    private final Map<SyncTable, Instant> lastSeen = new EnumMap<>(SyncTable.class);
    private final Set<TableGroup> lost = ConcurrentHashMap.newKeySet();

    /** The sync's preflight has just found every capture object in place: that is the first sighting. */
    CaptureWatch(List<TableGroup> groups, DataSource source, Dialect dialect, String sourceName, StopSignal job) {
        this.source = source;
        this.dialect = dialect;
        this.sourceName = sourceName;
        Instant now = Instant.now();
        for (TableGroup g : groups) {
            signals.put(g, new StopSignal(job));
            for (SyncTable t : g.tables()) {
                lastSeen.put(t, now);
            }
        }
    }

    /** The stop signal of {@code group}'s worker: the job's, or this watch's when the group's capture is lost. */
    StopSignal stopSignal(TableGroup group) {
        return signals.get(group);
    }

    boolean isLost(TableGroup group) {
        return lost.contains(group);
    }

    /** The tables of the groups not stopped for a lost capture. */
    List<SyncTable> watchedTables() {
        List<SyncTable> tables = new ArrayList<>();
        for (TableGroup g : signals.keySet()) {
            if (!lost.contains(g)) {
                tables.addAll(g.tables());
            }
        }
        return tables;
    }

    /** The groups stopped because their capture was lost. */
    List<TableGroup> lostGroups() {
        return new ArrayList<>(lost);
    }

    /** Checks every group still synced; a failure to look is a warning, never a stop. */
    void check() {
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(true);
            for (Map.Entry<TableGroup, StopSignal> e : signals.entrySet()) {
                if (lost.contains(e.getKey())) {
                    continue;
                }
                for (SyncTable t : e.getKey().tables()) {
                    String problem = problem(c, t);
                    if (problem == null) {
                        lastSeen.put(t, Instant.now());
                        continue;
                    }
                    lost.add(e.getKey());
                    e.getValue().request();
                    LOG.error("{}: change capture of {} is lost on {}: {}. Changes to {} since {} (when its capture was "
                            + "last seen in place) may be missing from the target. This table group has stopped; the "
                            + "other tables go on. To recover: run prepare again, then resync --table {}, then restart "
                            + "sync", e.getKey(), t, sourceName, problem, t, lastSeen.get(t), t);
                    break;
                }
            }
        } catch (SQLException e) {
            LOG.warn("Cannot check the change capture objects on {}: {}", sourceName, SqlFailures.describe(e));
        } catch (Throwable e) {
            // Anything else too: an exception would end the scheduled check for good, silently.
            LOG.error("Cannot check the change capture objects on {}; the check runs again at the next interval",
                    sourceName, e);
        }
    }

    /** What is wrong with {@code table}'s capture, or null. */
    private String problem(Connection c, SyncTable table) throws SQLException {
        CaptureNames names = CaptureNames.of(table);
        List<String> problems = new ArrayList<>();
        for (CaptureObject o : dialect.captureObjects(names)) {
            if (o.getKind() == CaptureObject.Kind.TRIGGER) {
                String p = dialect.captureProblem(c, o, names.getSourceTable());
                if (p != null) {
                    problems.add(p);
                }
            } else if (o.getKind() == CaptureObject.Kind.TABLE && !dialect.exists(c, o)) {
                problems.add("the journal " + o.getName() + " is missing");
            }
        }
        return problems.isEmpty() ? null : String.join(", ", problems);
    }
}
