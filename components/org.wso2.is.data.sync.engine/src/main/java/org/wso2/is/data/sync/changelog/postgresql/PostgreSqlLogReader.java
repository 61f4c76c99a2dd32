/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.postgresql;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

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
 */
final class PostgreSqlLogReader implements ChangeLogReader {

    /** How often pgjdbc tells the server where the stream is, so the walsender never times the connection out. */
    private static final int STATUS_SECONDS = 10;
    /** How long an idle poll waits between two looks at the socket. */
    private static final long IDLE_PAUSE_MILLIS = 10;

    private final Connection connection;
    private final PGReplicationStream stream;
    private final PgOutputDecoder decoder;
    private boolean inTransaction;
    /** The restart position: past every transaction whose changes a chunk so far holds whole. */
    private long restart;

    private PostgreSqlLogReader(Connection connection, PGReplicationStream stream, List<SyncTable> tables,
                                long from) {
        this.connection = connection;
        this.stream = stream;
        this.decoder = new PgOutputDecoder(tables);
        this.restart = from;
    }

    /**
     * Opens the stream from {@code from} (null: the slot's confirmed position; the server starts at the later of the
     * two, skipping transactions committed before it).
     */
    static PostgreSqlLogReader open(DataSourceLogin login, String sourceName, SyncConfiguration config,
                                    List<SyncTable> tables, String slot, String publication, String from)
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
            return new PostgreSqlLogReader(c, stream, tables, start.asLong());
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                if (!inTransaction) {
                    // Between transactions: the server's keepalive says how far it has decoded; every transaction
                    // that committed before that was sent already.
                    restart = Math.max(restart, stream.getLastReceiveLSN().asLong());
                }
                if (!changes.isEmpty() || System.nanoTime() >= deadline) {
                    return chunk(changes);
                }
                pause();
                continue;
            }
            PgOutputDecoder.Kind kind = decoder.decode(message, changes);
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

    private LogChunk chunk(List<LogChange> changes) {
        return new LogChunk(changes, restart == 0 ? null : LogSequenceNumber.valueOf(restart).asString());
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
