/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.changelog.ChangeLogReader;
import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.changelog.LogGoneException;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.datasource.DataSourceLogin;

/**
 * Log capture on MySQL 5.7/8 and MariaDB 10.x: the row-based binary log, read from the position taken at prepare.
 * The server keeps its binary log by age or size, never for a reader, so prepare has nothing to create for the log
 * itself; it only keeps its starting position where sync finds it, in the one-row table {@value #START_TABLE} on the
 * source (prepare runs before the dump, and the restore would replace anything kept on the target). The dump carries
 * that table to the target too; sync reads the source's, and clean drops both (docs/design/log-capture.md).
 */
public final class MySqlLogCapture implements LogCapture {

    private static final Logger LOG = LogManager.getLogger(MySqlLogCapture.class);
    /** Where prepare keeps the position reading starts from, on the source. */
    public static final String START_TABLE = "SYN_LOG_START";

    @Override
    public List<String> preflight(Connection c, List<SyncTable> tables, String where) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String p : BinlogServer.of(c).problems(c)) {
            problems.add(where + ": " + p);
        }
        return problems;
    }

    /**
     * Creates {@value #START_TABLE} and stores the end of the log in it, taken after the CREATE: that statement is
     * logged itself, so a MariaDB whose GTID state was still empty has a GTID to start from. A kept starting position
     * stays, unless the log no longer holds it (purged: the "prepare again" that error asks for), then it is replaced.
     */
    @Override
    public List<String> prepare(Connection c, List<SyncTable> tables, String where) throws SQLException {
        BinlogServer server = BinlogServer.of(c);
        if (startTableExists(c)) {
            BinlogPosition kept = start(c);
            if (kept != null && server.lag(c, kept) != null) {
                return Collections.emptyList();
            }
            BinlogPosition now = server.currentPosition(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + START_TABLE);
                insert(c, now);
            }
            return Collections.singletonList("starting position " + now + " in " + START_TABLE + " (replaces "
                    + (kept == null ? "none" : kept + ", whose binary log was purged") + ")");
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + START_TABLE + " (POSITION VARCHAR(2048) NOT NULL) ENGINE=InnoDB");
        }
        try {
            BinlogPosition now = server.currentPosition(c);
            insert(c, now);
            return Collections.singletonList("table " + START_TABLE + " with the starting position " + now);
        } catch (SQLException e) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + START_TABLE);
            } catch (SQLException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    private static void insert(Connection c, BinlogPosition position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + START_TABLE + " (POSITION) VALUES (?)")) {
            ps.setString(1, position.toString());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Drops {@value #START_TABLE}. */
    @Override
    public List<String> clean(Connection c, String where) throws SQLException {
        if (!startTableExists(c)) {
            return Collections.emptyList();
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + START_TABLE);
        }
        return Collections.singletonList("table " + START_TABLE);
    }

    /** The dump's copy of {@value #START_TABLE}, which sync never reads (it reads the source's). */
    @Override
    public List<String> cleanTarget(Connection target, String where) throws SQLException {
        return clean(target, where);
    }

    @Override
    public String problem(Connection c, List<SyncTable> tables, String where) throws SQLException {
        if (start(c) != null) {
            return null;
        }
        return LogCapture.notInPlace(where, "the table " + START_TABLE + " with the position prepare took does not "
                + "exist or is empty");
    }

    @Override
    public ChangeLogReader open(DataSource source, String sourceName, SyncConfiguration config,
                                List<SyncTable> tables, String from) throws SQLException {
        DataSourceLogin login = DataSourceLogin.require(source, sourceName);
        BinlogEndpoint endpoint;
        try {
            endpoint = BinlogEndpoint.fromJdbcUrl(login.getUrl(), login.getUser(), login.getPassword());
        } catch (IllegalArgumentException e) {
            throw new SQLException("the source datasource '" + sourceName + "': " + e.getMessage(), e);
        }
        BinlogPosition start;
        try (Connection c = source.getConnection()) {
            start = start(c);
        }
        String position = from;
        if (start == null && from == null) {
            throw new LogGoneException("the source datasource '" + sourceName + "' has no starting position in "
                    + START_TABLE + ": run prepare (with captureMode = log) before sync");
        }
        if (start != null && from != null && startsLater(start, from)) {
            // prepare ran again after the stored position's log was purged: the operator resyncs what lies between
            LOG.warn("Log capture: the stored position {} is older than the starting position {} that prepare took "
                    + "again on '{}': reading starts there; the changes in between are not read, so resync every "
                    + "synced table (resync --table T) if you have not", from, start, sourceName);
            position = start.toString();
        } else if (from == null) {
            position = start.toString();
        }
        BinlogSettings defaults = BinlogSettings.defaults();
        BinlogSettings settings = new BinlogSettings(defaults.getServerId(), config.getNetworkTimeoutMillis(),
                defaults.getHeartbeatMillis(), defaults.getQueueCapacity(), defaults.getLockWaitSeconds());
        return MySqlChangeLogReader.open(source, endpoint, tables, position, settings);
    }

    /** Whether {@code start} lies past {@code stored}: positions of one kind that differ, {@code stored} not at it. */
    private static boolean startsLater(BinlogPosition start, String stored) {
        BinlogPosition s;
        try {
            s = BinlogPosition.parse(stored);
        } catch (IllegalArgumentException e) {
            return false; // the reader says what is wrong with it
        }
        return s.getKind() == start.getKind() && !s.reached(start);
    }

    /**
     * The end of the binary log in the form of the starting position: a reader goes on in the form it started from
     * (file and offset when the GTID state was empty at prepare), and the drain compares like with like.
     */
    @Override
    public String currentPosition(Connection c) throws SQLException {
        BinlogServer server = BinlogServer.of(c);
        BinlogPosition start = start(c);
        return (start == null ? server.currentPosition(c) : server.currentPosition(c, start.getKind())).toString();
    }

    @Override
    public boolean reached(String position, String goal) {
        return position != null && BinlogPosition.parse(position).reached(BinlogPosition.parse(goal));
    }

    @Override
    public long lagBytes(Connection c, String stored) throws SQLException {
        BinlogPosition position = stored != null ? BinlogPosition.parse(stored) : start(c);
        if (position == null) {
            throw new LogGoneException(problem(c, Collections.<SyncTable>emptyList(), "the source database"));
        }
        BinlogLag lag = BinlogServer.of(c).lag(c, position);
        if (lag == null) {
            throw new LogGoneException("the source no longer has the binary log from " + position + " on: it was "
                    + "purged before the sync read it (raise binlog_expire_logs_seconds or expire_logs_days), so "
                    + "changes since may be lost; run prepare again, then resync every synced table (resync --table "
                    + "T), then sync");
        }
        return lag.getBytes();
    }

    /** The starting position prepare stored on this database; null where there is none. */
    static BinlogPosition start(Connection c) throws SQLException {
        if (!startTableExists(c)) {
            return null;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT POSITION FROM " + START_TABLE)) {
            if (!rs.next()) {
                return null;
            }
            String text = rs.getString(1);
            try {
                return BinlogPosition.parse(text);
            } catch (IllegalArgumentException e) {
                throw new LogGoneException("the starting position in " + START_TABLE + ": " + e.getMessage()
                        + "; run prepare again (clean, then prepare)", e);
            }
        }
    }

    private static boolean startTableExists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), null, START_TABLE, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
