/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.ServerException;

import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.changelog.ChangeLogReader;
import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.changelog.LogChunk;
import org.wso2.is.data.sync.changelog.LogGoneException;
import org.wso2.is.data.sync.config.SyncTable;

/**
 * Reads the keys of committed changes to the synced tables from a MySQL or MariaDB row-based binary log, through
 * mysql-binlog-connector-java, as a replica of its own server id would.
 *
 * <p>A row binary log holds a transaction only once it committed (a rolled-back one is never written), between its
 * start and its XID (or, outside InnoDB, a COMMIT query); the reader hands its changes on only when it has seen that
 * end, and moves the restart position past a transaction only then. Row events are kept only for the synced tables
 * of the source's schema, matched through their table-map events. A change the reader cannot read (a statement
 * logged as SQL, a compressed event, a row image without its key) stops it with an error rather than passing over
 * it.
 *
 * <p>A chunk is returned only once its transactions are committed in InnoDB, not only written to the binary log
 * ({@link CommitBarrier}), so that the workers' reads of the current rows see them.
 *
 * <p>Errors of {@link #poll}: {@link LogGoneException} where reading from this position can never work (its log was
 * purged, a change it cannot read: prepare again), {@link SQLTransientConnectionException} where the connection was lost (reopen from
 * the stored position).
 */
public final class MySqlChangeLogReader implements ChangeLogReader {

    private static final Logger LOG = LogManager.getLogger(MySqlChangeLogReader.class);
    /**
     * The library logs every connect at INFO through java.util.logging, which goes to the console, not to syn.log;
     * the reader logs its own line. Held here so that the level is not lost with a collected logger.
     */
    private static final java.util.logging.Logger LIBRARY_LOG =
            java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog");

    static {
        LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    /** The server's "fatal error reading binlog": the position asked for is not in its log (purged, or never was). */
    private static final int FATAL_BINLOG_ERROR = 1236;
    /** "Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s)". */
    private static final int SPECIFIC_ACCESS_DENIED = 1227;
    private static final int MISSED_HEARTBEATS = 3;
    /** A statement logged as SQL rather than as rows: DML that names a table. */
    private static final Pattern STATEMENT_DML = Pattern.compile("(?is)^\\s*(/\\*.*?\\*/\\s*)*"
            + "(insert|update|delete|replace)\\b.*");

    private final String schema;
    private final Map<String, LoggedTable> tablesByLoggedName = new HashMap<>();
    private final BinaryLogClient client;
    private final BlockingQueue<Item> queue;
    private final long deadAfterNanos;
    private final String describe;
    private final String user;
    private final CommitBarrier barrier;

    private volatile SQLException failure;
    private volatile boolean closed;
    private volatile long lastEventNanos = System.nanoTime();

    // owned by the library's reading thread
    private final Map<Long, LoggedTable> tablesById = new HashMap<>();
    private final Position reading;
    private boolean inTransaction;
    private String transactionGtid;

    // owned by the polling thread
    private final List<LogChange> pending = new ArrayList<>();
    private String restartPosition;
    private volatile BinlogPosition restartFilePosition;

    private MySqlChangeLogReader(DataSource source, String schema, List<LoggedTable> tables,
            BinlogEndpoint endpoint, BinlogPosition start, BinlogSettings settings) {
        this.schema = schema;
        for (LoggedTable t : tables) {
            tablesByLoggedName.put(t.getLoggedName(), t);
        }
        this.queue = new ArrayBlockingQueue<>(settings.getQueueCapacity());
        this.deadAfterNanos = TimeUnit.MILLISECONDS.toNanos(settings.getHeartbeatMillis() * MISSED_HEARTBEATS);
        this.describe = "the binary log of " + endpoint.getHost() + ":" + endpoint.getPort() + " (schema " + schema
                + ")";
        this.user = endpoint.getUser();
        this.barrier = new CommitBarrier(source, tables, settings.getLockWaitSeconds(), describe);
        this.reading = new Position(start);
        this.restartPosition = start.toString();
        this.client = new BinaryLogClient(endpoint.getHost(), endpoint.getPort(), endpoint.getUser(),
                endpoint.getPassword());
        client.setServerId(settings.getServerId());
        // a lost connection is the caller's to retry, from the position it stored: the library's own reconnect
        // would resume from where it had read, past changes this reader may not have handed on
        client.setKeepAlive(false);
        client.setConnectTimeout(settings.getConnectTimeoutMillis());
        client.setHeartbeatInterval(settings.getHeartbeatMillis());
        EventDeserializer deserializer = new EventDeserializer();
        // text keys are decoded here with the column's own character set
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        client.setEventDeserializer(deserializer);
        client.setThreadFactory(runnable -> {
            Thread t = new Thread(runnable, "syn-binlog-" + schema);
            t.setDaemon(true);
            return t;
        });
        switch (start.getKind()) {
            case FILE:
                client.setBinlogFilename(start.getFile());
                client.setBinlogPosition(start.getOffset());
                break;
            default:
                client.setGtidSet(start.toString());
                break;
        }
        client.registerEventListener(this::onEvent);
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception e) {
                fail(readFailure(e));
            }

            @Override
            public void onDisconnect(BinaryLogClient c) {
                fail(new SQLTransientConnectionException("lost the connection reading " + describe + " at "
                        + reading.describe() + ": the server ended it"));
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception e) {
                fail(new LogGoneException(describe + " holds an event the reader cannot decode at "
                        + reading.describe() + " (" + e.getMessage() + "); a change may be in it, so reading stops: "
                        + "prepare again and resync the synced tables", e));
            }
        });
    }

    /**
     * Connects and starts reading after {@code position}, which a chunk or {@link BinlogServer#currentPosition} gave.
     *
     * @param source the source database (its schema is the one whose tables are read), for the catalog
     */
    public static MySqlChangeLogReader open(DataSource source, BinlogEndpoint endpoint, List<SyncTable> tables,
            String position, BinlogSettings settings) throws SQLException {
        BinlogPosition start;
        try {
            start = BinlogPosition.parse(position);
        } catch (IllegalArgumentException e) {
            throw new LogGoneException("the stored log position of the source: " + e.getMessage()
                    + "; prepare again");
        }
        String schema;
        List<LoggedTable> logged;
        try (Connection connection = source.getConnection()) {
            schema = connection.getCatalog();
            logged = LoggedTable.read(connection, tables);
        }
        MySqlChangeLogReader reader = new MySqlChangeLogReader(source, schema, logged, endpoint, start, settings);
        try {
            reader.connect(settings.getConnectTimeoutMillis());
        } catch (SQLException e) {
            // the library may still be connecting on its thread after a timeout
            reader.closeQuietly(e);
            throw e;
        }
        return reader;
    }

    private void connect(long timeoutMillis) throws SQLException {
        try {
            client.connect(timeoutMillis);
        } catch (AuthenticationException e) {
            throw new SQLInvalidAuthorizationSpecException("could not log in to read " + describe + ": "
                    + e.getMessage(), e.getSqlState(), e.getErrorCode());
        } catch (IOException e) {
            throw readFailure(e);
        } catch (TimeoutException e) {
            throw new SQLTransientConnectionException("could not connect to read " + describe + " within "
                    + timeoutMillis + " ms", e);
        }
        LOG.info("Reading {} from {} as server id {}", describe, restartPosition, client.getServerId());
    }

    private SQLException readFailure(Exception e) {
        Throwable cause = e instanceof IOException && e.getCause() instanceof ServerException ? e.getCause() : e;
        if (cause instanceof ServerException && ((ServerException) cause).getErrorCode() == FATAL_BINLOG_ERROR) {
            ServerException s = (ServerException) cause;
            return new LogGoneException("the source no longer has the binary log from " + restartPosition
                    + " on (" + describe + " says: " + s.getMessage() + "); changes since then cannot be read, so "
                    + "log capture stops: it was purged before the sync read it (raise binlog_expire_logs_seconds or "
                    + "expire_logs_days), so prepare again and resync the synced tables", s);
        }
        if (cause instanceof ServerException && ((ServerException) cause).getErrorCode() == SPECIFIC_ACCESS_DENIED) {
            ServerException s = (ServerException) cause;
            return new SQLInvalidAuthorizationSpecException("the user " + user + " may not read " + describe + " ("
                    + s.getMessage() + "): as an administrator run GRANT REPLICATION SLAVE, REPLICATION CLIENT ON "
                    + "*.* TO the user", s.getSqlState(), s.getErrorCode(), s);
        }
        return new SQLTransientConnectionException("lost the connection reading " + describe + " at "
                + reading.describe() + ": " + e.getMessage(), e);
    }

    private void fail(SQLException e) {
        if (failure == null && !closed) {
            failure = e;
        }
    }

    /**
     * Runs on the library's reading thread: keeps table maps, turns synced row events into changes and marks where
     * each transaction ends.
     */
    private void onEvent(Event event) {
        lastEventNanos = System.nanoTime();
        if (failure != null || closed) {
            return;
        }
        EventHeaderV4 header = event.getHeader();
        EventType type = header.getEventType();
        reading.at(header.getNextPosition());
        switch (type) {
            case ROTATE:
                reading.rotate(((RotateEventData) event.getData()).getBinlogFilename());
                break;
            case GTID:
                transactionGtid = ((GtidEventData) event.getData()).getGtid();
                break;
            case MARIADB_GTID:
                MariadbGtidEventData g = event.getData();
                transactionGtid = g.getDomainId() + "-" + g.getServerId() + "-" + g.getSequence();
                // MariaDB opens a transaction with its GTID event and logs no BEGIN; a standalone one is one statement
                inTransaction = (g.getFlags() & MariadbGtidEventData.FL_STANDALONE) == 0;
                break;
            case TABLE_MAP:
                TableMapEventData map = event.getData();
                LoggedTable table = schema.equals(map.getDatabase()) ? tablesByLoggedName.get(map.getTable()) : null;
                if (table != null && map.getColumnTypes().length != table.getColumnCount()) {
                    fail(new SQLNonTransientException("table " + table.getTable() + " has "
                            + map.getColumnTypes().length + " columns in " + describe + " at " + reading.describe()
                            + " but " + table.getColumnCount() + " in the catalog read at start: its definition "
                            + "changed while log capture ran; restart the sync"));
                    return;
                }
                tablesById.put(map.getTableId(), table);
                break;
            case WRITE_ROWS:
            case EXT_WRITE_ROWS:
                WriteRowsEventData w = event.getData();
                for (Serializable[] row : w.getRows()) {
                    change(w.getTableId(), 'I', row, w.getIncludedColumns());
                }
                break;
            case DELETE_ROWS:
            case EXT_DELETE_ROWS:
                DeleteRowsEventData d = event.getData();
                for (Serializable[] row : d.getRows()) {
                    change(d.getTableId(), 'D', row, d.getIncludedColumns());
                }
                break;
            case UPDATE_ROWS:
            case EXT_UPDATE_ROWS:
                UpdateRowsEventData u = event.getData();
                for (Map.Entry<Serializable[], Serializable[]> row : u.getRows()) {
                    update(u.getTableId(), row.getKey(), u.getIncludedColumnsBeforeUpdate(), row.getValue(),
                            u.getIncludedColumns());
                }
                break;
            case XID:
                commit(header);
                break;
            case QUERY:
                query(header, event.getData());
                break;
            case TRANSACTION_PAYLOAD:
            case UNKNOWN:
            case PARTIAL_UPDATE_ROWS_EVENT:
                fail(new LogGoneException(describe + " holds a " + type + " event (type code in the "
                        + "header) at " + reading.describe() + ", which log capture cannot read; a change may be in "
                        + "it, so reading stops: turn off binary log compression (MySQL "
                        + "binlog_transaction_compression, MariaDB log_bin_compress) and partial JSON updates "
                        + "(binlog_row_value_options), then prepare again and resync the synced tables"));
                break;
            default:
                // format descriptions, heartbeats, GTID lists, annotations, checkpoints: nothing to read
                break;
        }
    }

    private void query(EventHeaderV4 header, QueryEventData query) {
        String sql = query.getSql().trim();
        String word = sql.split("\\s", 2)[0].toUpperCase(Locale.ROOT);
        if ("BEGIN".equals(word)) {
            inTransaction = true;
        } else if ("COMMIT".equals(word)) {
            commit(header);
        } else if ("ROLLBACK".equals(word)) {
            // only changes to non-transactional tables reach the log with a rollback; none of the synced ones
            inTransaction = false;
            transactionGtid = null;
            put(Item.ROLLBACK);
        } else {
            if (STATEMENT_DML.matcher(sql).matches() && namesSyncedTable(sql)) {
                fail(new LogGoneException(describe + " holds a change to a synced table logged as a "
                        + "statement, not as rows, at " + reading.describe() + ": a session of the source writes "
                        + "with binlog_format STATEMENT or MIXED (set before binlog_format = ROW, or by the session "
                        + "itself); reconnect every writer of the source (restart IS), then prepare again and resync "
                        + "the synced tables"));
                return;
            }
            if (!inTransaction) {
                // DDL and other statements are transactions of their own
                commit(header);
            }
        }
    }

    private boolean namesSyncedTable(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        for (LoggedTable t : tablesByLoggedName.values()) {
            if (upper.contains(t.getTable().name())) {
                return true;
            }
        }
        return false;
    }

    private void change(long tableId, char operation, Serializable[] row, BitSet included) {
        LoggedTable table = tablesById.get(tableId);
        if (table == null) {
            return;
        }
        Object[] key = operation == 'I' ? table.insertedKey(row, included) : table.key(row, included);
        if (key == null) {
            missingKey(table);
            return;
        }
        put(new Item(new LogChange(table.getTable().name(), operation, key), null, null));
    }

    private void update(long tableId, Serializable[] before, BitSet includedBefore, Serializable[] after,
            BitSet includedAfter) {
        LoggedTable table = tablesById.get(tableId);
        if (table == null) {
            return;
        }
        Object[] oldKey = table.key(before, includedBefore);
        if (oldKey == null) {
            missingKey(table);
            return;
        }
        Object[] newKey = table.keyAfter(oldKey, after, includedAfter);
        String name = table.getTable().name();
        if (!Arrays.equals(oldKey, newKey)) {
            put(new Item(new LogChange(name, 'D', oldKey), null, null));
        }
        put(new Item(new LogChange(name, 'U', newKey), null, null));
    }

    private void missingKey(LoggedTable table) {
        fail(new LogGoneException(describe + " holds a row of " + table.getTable() + " at "
                + reading.describe() + " whose image leaves out a key column (binlog_row_image = MINIMAL, and a key "
                + "column the statement did not set whose default is an expression); set binlog_row_image = FULL, "
                + "then prepare again and resync " + table.getTable()));
    }

    private void commit(EventHeaderV4 header) {
        reading.commit(header.getNextPosition(), transactionGtid);
        inTransaction = false;
        transactionGtid = null;
        put(new Item(null, reading.toString(), reading.file()));
    }

    /** Waits while {@code poll} lags far behind, so that memory stays bounded; a close ends the wait. */
    private void put(Item item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                lastEventNanos = System.nanoTime();
            }
            lastEventNanos = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new SQLTransientConnectionException("reading " + describe + " was interrupted"));
        }
    }

    @Override
    public LogChunk poll(int maxChanges, long waitMillis) throws SQLException {
        long now = System.nanoTime();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long positionOnlyAt = now + TimeUnit.MILLISECONDS.toNanos(Math.min(waitMillis, POSITION_ONLY_MILLIS));
        String from = restartPosition;
        List<LogChange> out = new ArrayList<>();
        while (true) {
            throwIfFailed();
            if (out.size() + pending.size() >= maxChanges) {
                if (out.isEmpty()) {
                    // a transaction larger than a chunk: its changes go on, the restart position stays before it
                    out.addAll(pending);
                    pending.clear();
                }
                break;
            }
            Item item;
            boolean moved = !restartPosition.equals(from);
            try {
                long left = (moved ? positionOnlyAt : deadline) - System.nanoTime();
                item = out.isEmpty() && left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted while waiting for " + describe);
            }
            if (item == null) {
                if (System.nanoTime() - lastEventNanos > deadAfterNanos && queue.isEmpty()) {
                    throwIfFailed();
                    throw new SQLTransientConnectionException("no event or heartbeat from " + describe + " for "
                            + TimeUnit.NANOSECONDS.toMillis(deadAfterNanos) + " ms: the connection is taken as lost");
                }
                now = System.nanoTime();
                if (!out.isEmpty() || now >= deadline || (moved && now >= positionOnlyAt)) {
                    break;
                }
                continue;
            }
            if (item == Item.ROLLBACK) {
                pending.clear();
            } else if (item.change != null) {
                pending.add(item.change);
            } else {
                out.addAll(pending);
                pending.clear();
                restartPosition = item.position;
                restartFilePosition = item.filePosition;
            }
        }
        if (!out.isEmpty()) {
            barrier.await(out.get(out.size() - 1));
        }
        return new LogChunk(out, restartPosition);
    }

    /**
     * The restart position of the last chunk that moved it, as binary log file and offset (also when the position
     * is a GTID state), for {@link BinlogServer#lag}; null before the first such chunk.
     */
    public BinlogPosition getRestartFilePosition() {
        return restartFilePosition;
    }

    private void throwIfFailed() throws SQLException {
        SQLException e = failure;
        if (e != null) {
            throw e;
        }
        if (closed) {
            throw new SQLNonTransientException("the reader of " + describe + " is closed");
        }
    }

    /**
     * Does nothing: a MySQL or MariaDB server keeps its binary log by age or size, never for a reader, so there is
     * nothing to tell it; the caller's stored position is the whole of the reader's state.
     */
    @Override
    public void acknowledge(String position) {
        // nothing to release on the server
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        try {
            client.disconnect();
        } catch (IOException e) {
            throw new SQLTransientConnectionException("could not close the connection reading " + describe, e);
        }
    }

    private void closeQuietly(SQLException failure) {
        try {
            close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** A change, the end of a transaction with the position past it, or a rolled-back transaction's end. */
    private static final class Item {

        static final Item ROLLBACK = new Item(null, null, null);

        final LogChange change;
        final String position;
        /** The same place as {@code position}, as file and offset whatever the position's kind, for the lag. */
        final BinlogPosition filePosition;

        Item(LogChange change, String position, BinlogPosition filePosition) {
            this.change = change;
            this.position = position;
            this.filePosition = filePosition;
        }
    }

    /** Where the reading thread is: the file and offset it read up to, and the GTID state past the last commit. */
    private static final class Position {

        private final BinlogPosition.Kind kind;
        private String file;
        private long offset;
        private GtidSet mySqlGtids;
        private final Map<String, String> mariaDbGtids = new LinkedHashMap<>();

        Position(BinlogPosition start) {
            kind = start.getKind();
            switch (kind) {
                case FILE:
                    file = start.getFile();
                    offset = start.getOffset();
                    break;
                case MYSQL_GTID:
                    mySqlGtids = new GtidSet(start.toString());
                    break;
                default:
                    for (String gtid : start.toString().split(",")) {
                        mariaDbGtids.put(gtid.substring(0, gtid.indexOf('-')), gtid);
                    }
                    break;
            }
        }

        /** The end of the event being read, for messages; artificial events (heartbeats, rotations) have none. */
        private long eventEnd;

        void rotate(String newFile) {
            file = newFile;
            eventEnd = 0;
        }

        void at(long end) {
            if (end > 0) {
                eventEnd = end;
            }
        }

        /** Past a transaction: its end offset in the current file, and its GTID in its domain (MariaDB). */
        void commit(long endOffset, String gtid) {
            offset = endOffset;
            if (gtid == null) {
                return;
            }
            if (kind == BinlogPosition.Kind.MYSQL_GTID) {
                mySqlGtids.add(gtid);
            } else if (kind == BinlogPosition.Kind.MARIADB_GTID) {
                mariaDbGtids.put(gtid.substring(0, gtid.indexOf('-')), gtid);
            }
        }

        /** Past the last commit, as file and offset. */
        BinlogPosition file() {
            return BinlogPosition.file(file, offset);
        }

        String describe() {
            return file == null ? toString() : file + ":" + eventEnd;
        }

        @Override
        public String toString() {
            switch (kind) {
                case FILE:
                    return file + ":" + offset;
                case MYSQL_GTID:
                    return mySqlGtids.toString();
                default:
                    return String.join(",", mariaDbGtids.values());
            }
        }
    }
}
