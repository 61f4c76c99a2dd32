/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;

/**
 * One database's log capture ({@code captureMode = log}): what prepare checks and creates on the source, what clean
 * drops, and the {@link ChangeLogReader} sync runs. {@link LogCaptures#forDialect} finds a database's;
 * the framework (prepare, clean, the sync's log pump, its progress and drain) is the same for every database.
 * Every {@code where} is the source's description for messages, e.g. {@code the source database 'jdbc/x' (PostgreSQL)}.
 */
public interface LogCapture {

    /**
     * Everything that stops log capture on this source, each naming the exact fix; empty when prepare may create.
     * Creates nothing.
     */
    List<String> preflight(Connection source, List<SyncTable> tables, String where) throws SQLException;

    /**
     * Creates what the reader needs and is missing, keeps what exists; returns a line per object created. If a
     * statement fails, drops again what this call created before throwing.
     */
    List<String> prepare(Connection source, List<SyncTable> tables, String where) throws SQLException;

    /** Drops every object of log capture that exists on the source; returns a line per object dropped. */
    List<String> clean(Connection source, String where) throws SQLException;

    /**
     * Drops what the dump carried to the target of this database's objects on the source (a restored copy of a table
     * prepare created there); returns a line per object dropped. Nothing by default: a slot or publication is not in
     * a dump.
     */
    default List<String> cleanTarget(Connection target, String where) throws SQLException {
        return Collections.emptyList();
    }

    /**
     * What makes the log unreadable for {@code tables} now (prepare never ran, the slot was dropped, a binlog
     * purged), with "run prepare again"; null when sync can read it.
     */
    String problem(Connection source, List<SyncTable> tables, String where) throws SQLException;

    /** The {@link #problem} of a capture that is not in place at {@code where}, for {@code what} is missing. */
    static String notInPlace(String where, String what) {
        return where + ": log capture is not in place: " + what + ": run prepare (with captureMode = log); if it was "
                + "in place before, changes since may be missing: then resync every synced table (resync --table T) "
                + "too";
    }

    /**
     * Opens a reader from {@code from} (a restart position a {@link LogChunk} gave, stored on the target), or, when
     * null, from where prepare left the log. {@code source} is the source datasource, wrapped by the tool's
     * timeouts; a reader that needs a connection of its own kind (a replication connection) logs in with the
     * datasource's login ({@code datasource.DataSourceLogin}).
     *
     * @throws LogGoneException when the log cannot be read from there any more
     */
    ChangeLogReader open(DataSource source, String sourceName, SyncConfiguration config, List<SyncTable> tables,
                         String from) throws SQLException;

    /** The end of the log now: a drain that started now is complete once the applied position reached it. */
    String currentPosition(Connection source) throws SQLException;

    /** Whether {@code position} (applied or stored) is at or past {@code goal} (a restart or current position). */
    boolean reached(String position, String goal);

    /**
     * The bytes of log the source keeps for the sync, beyond {@code stored} (the position on the target; null before
     * the first store): what the progress line shows, and warns about above {@code logLagWarnMb}.
     *
     * @throws LogGoneException when the log position is gone (slot dropped, binlog purged)
     */
    long lagBytes(Connection source, String stored) throws SQLException;
}
