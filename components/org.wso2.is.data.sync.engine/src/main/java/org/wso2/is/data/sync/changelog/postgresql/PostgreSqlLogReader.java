/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.postgresql;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.wso2.is.data.sync.changelog.ChangeLogReader;
import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.changelog.LogChunk;
import org.wso2.is.data.sync.changelog.LogGoneException;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.datasource.DataSourceLogin;

/**
 * Reads the slot's changes through pgjdbc's replication API: a connection opened with {@code replication=database}
 * and the simple query protocol (which the walsender speaks), bounded by connect, login and socket timeouts, a
 * logical stream from the slot with {@code pgoutput} and our publication, and a {@link PgOutputDecoder}. The slot's
 * flush position moves only by {@link #acknowledge}, which the sync calls after the target committed the keys.
 *
 * <p>A chunk is handed on only once its transactions are visible to other sessions of the source. PostgreSQL writes
 * a commit record, and logical decoding may send it, before the committing session leaves the proc array (a wait
 * for a synchronous standby sits in between): a worker that read the row then would find the old state, or none,
 * and consume the key. So each chunk's transaction ids are checked against a fresh snapshot of the source, waited
 * for up to the network timeout, and a chunk still invisible then is a passing failure that is read again.
 */
final class PostgreSqlLogReader implements ChangeLogReader {

    /** How often pgjdbc tells the server where the stream is, so the walsender never times the connection out. */
    private static final int STATUS_SECONDS = 10;
    /** How long an idle poll waits between two looks at the socket, and a chunk between two looks at visibility. */
    private static final long IDLE_PAUSE_MILLIS = 10;
    /**
     * How many of the transaction ids of the query's array are not yet visible to a new snapshot. Logical decoding
     * gives 32-bit ids; the snapshot's 64-bit ones carry an epoch, that of the snapshot's xmax unless the id is
     * above xmax's low 32 bits (it was then assigned in the epoch before).
     */
    private static final String INVISIBLE = "SELECT COUNT(*) FROM (SELECT txid_current_snapshot() AS s) snap, "
            + "unnest(?::bigint[]) AS x(id) WHERE NOT txid_visible_in_snapshot(CASE WHEN x.id <= "
            + "txid_snapshot_xmax(snap.s) % 4294967296 THEN txid_snapshot_xmax(snap.s) / 4294967296 * 4294967296 "
            + "+ x.id ELSE (txid_snapshot_xmax(snap.s) / 4294967296 - 1) * 4294967296 + x.id END, snap.s)";

    private final Connection connection;
    private final PGReplicationStream stream;
    private final PgOutputDecoder decoder;
    private final DataSource source;
    private final long visibleWithinMillis;
    /** The transactions whose changes the chunk being read holds. */
    private final Set<Long> xids = new LinkedHashSet<>();
    private boolean inTransaction;
    /** The restart position: past every transaction whose changes a chunk so far holds whole. */
    private long restart;

    private PostgreSqlLogReader(Connection connection, PGReplicationStream stream, List<SyncTable> tables,
                                long from, DataSource source, long visibleWithinMillis) {
        this.connection = connection;
        this.stream = stream;
        this.source = source;
        this.visibleWithinMillis = visibleWithinMillis;
        this.decoder = new PgOutputDecoder(tables);
        this.restart = from;
    }

    /**
     * Opens the stream from {@code from} (null: the slot's confirmed position; the server starts at the later of the
     * two, skipping transactions committed before it).
     */
    static PostgreSqlLogReader open(DataSourceLogin login, DataSource source, String sourceName,
                                    SyncConfiguration config, List<SyncTable> tables, String slot, String publication,
                                    String from)
            throws SQLException {
        int seconds = (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(config.getNetworkTimeoutMillis()));
        Properties props = new Properties();
        if (login.getUser() != null) {
            PGProperty.USER.set(props, login.getUser());
        }
        if (login.getPassword() != null) {
            PGProperty.PASSWORD.set(props, login.getPassword());
        }
        // Appended to the URL: pgjdbc lets a URL parameter win over a property, and a pool's URL may carry every
        // parameter (pgjdbc's own datasources write socketTimeout=0 and preferQueryMode=extended there); of a
        // parameter given twice, the last counts.
        String url = login.getUrl() + (login.getUrl().indexOf('?') < 0 ? "?" : "&")
                + PGProperty.REPLICATION.getName() + "=database"
                + "&" + PGProperty.PREFER_QUERY_MODE.getName() + "=simple"
                + "&" + PGProperty.ASSUME_MIN_SERVER_VERSION.getName() + "=10"
                + "&" + PGProperty.CONNECT_TIMEOUT.getName() + "=" + seconds
                + "&" + PGProperty.LOGIN_TIMEOUT.getName() + "=" + seconds
                + "&" + PGProperty.SOCKET_TIMEOUT.getName() + "=" + seconds
                + "&" + PGProperty.TCP_KEEP_ALIVE.getName() + "=true"
                + "&" + PGProperty.APPLICATION_NAME.getName() + "=data-sync-log";
        // pgjdbc's own driver class, not DriverManager: inside IS the driver is not registered where the bundle looks.
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("the source datasource '" + sourceName + "' has a URL pgjdbc does not take ("
                    + login + ")");
        }
        try {
            LogSequenceNumber start = from == null ? LogSequenceNumber.INVALID_LSN : LogSequenceNumber.valueOf(from);
            PGReplicationStream stream = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                    .logical().withSlotName(slot).withStartPosition(start)
                    .withSlotOption("proto_version", "1").withSlotOption("publication_names", publication)
                    .withStatusInterval(STATUS_SECONDS, TimeUnit.SECONDS).start();
            return new PostgreSqlLogReader(c, stream, tables, start.asLong(), source,
                    config.getNetworkTimeoutMillis());
        } catch (SQLException e) {
            c.close();
            if ("42704".equals(e.getSQLState())) {
                throw new LogGoneException("the replication slot " + slot + " does not exist on the source database '"
                        + sourceName + "' (dropped?): changes since the last stored position may be lost; run "
                        + "prepare again, then resync every synced table (resync --table T), then sync", e);
            }
            throw e;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public LogChunk poll(int maxChanges, long waitMillis) throws SQLException {
        List<LogChange> changes = new ArrayList<>();
        long now = System.nanoTime();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long positionOnlyAt = now + TimeUnit.MILLISECONDS.toNanos(Math.min(waitMillis, POSITION_ONLY_MILLIS));
        long nextReplyRequest = positionOnlyAt;
        long from = restart;
        while (true) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                if (!inTransaction) {
                    // Between transactions: the server's keepalive says how far it has decoded; every transaction
                    // that committed before that was sent already.
                    restart = Math.max(restart, stream.getLastReceiveLSN().asLong());
                }
                now = System.nanoTime();
                if (!changes.isEmpty() || now >= deadline || (restart != from && now >= positionOnlyAt)) {
                    return chunk(changes);
                }
                if (!inTransaction && now >= nextReplyRequest) {
                    // WAL of other databases or tables sends nothing, and a keepalive may be seconds away: ask for
                    // one, which tells how far the server has decoded.
                    stream.forceUpdateStatus();
                    nextReplyRequest = now + TimeUnit.MILLISECONDS.toNanos(POSITION_ONLY_MILLIS);
                }
                pause();
                continue;
            }
            int before = changes.size();
            PgOutputDecoder.Kind kind = decoder.decode(message, changes);
            if (changes.size() > before) {
                xids.add(decoder.xid());
            }
            if (kind == PgOutputDecoder.Kind.BEGIN) {
                inTransaction = true;
            } else if (kind == PgOutputDecoder.Kind.COMMIT) {
                inTransaction = false;
                restart = Math.max(restart, decoder.commitEnd());
            }
            if (changes.size() >= maxChanges) {
                return chunk(changes);
            }
        }
    }

    private LogChunk chunk(List<LogChange> changes) throws SQLException {
        if (!xids.isEmpty()) {
            awaitVisible();
            xids.clear();
        }
        return new LogChunk(changes, restart == 0 ? null : LogSequenceNumber.valueOf(restart).asString());
    }

    /** Waits until every transaction of the chunk is visible to a new snapshot of the source. */
    private void awaitVisible() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(visibleWithinMillis);
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(true);
            Array ids = c.createArrayOf("bigint", xids.toArray());
            try (PreparedStatement ps = c.prepareStatement(INVISIBLE)) {
                ps.setArray(1, ids);
                while (true) {
                    long invisible;
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        invisible = rs.getLong(1);
                    }
                    if (invisible == 0) {
                        return;
                    }
                    if (System.nanoTime() >= deadline) {
                        // 40001-like: passing; the pump reads the chunk again from the stored position.
                        throw new SQLException(invisible + " transactions read from the log are committed but still "
                                + "not visible on the source after " + visibleWithinMillis + " ms (a commit waiting "
                                + "for a synchronous standby?); reading them again", "40001");
                    }
                    pause();
                }
            }
        }
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(IDLE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while reading the log", "57014", e);
        }
    }

    @Override
    public void acknowledge(String position) throws SQLException {
        LogSequenceNumber lsn = LogSequenceNumber.valueOf(position);
        stream.setFlushedLSN(lsn);
        stream.setAppliedLSN(lsn);
        stream.forceUpdateStatus();
    }

    @Override
    public void close() throws SQLException {
        try {
            stream.close();
        } finally {
            connection.close();
        }
    }
}
