/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.capture.LogJournals;
import org.wso2.is.data.sync.changelog.ChangeLogReader;
import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.changelog.LogChunk;
import org.wso2.is.data.sync.changelog.LogGoneException;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.datasource.DataSourceLogin;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.FencedException;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * Log capture's one reader per sync: polls the source's change log (at most {@code batchSize} changes at a time, and
 * one chunk is stored while the next is read, so memory is bounded whatever the backlog) and stores each chunk's keys
 * in the target's journals together with the chunk's restart position, in one target transaction fenced by the owner
 * epoch; the stores run one after another, in the log's order. Only after that commit is the
 * position acknowledged to the source. So the stored position is never ahead of stored keys, and a kill -9 anywhere
 * resumes from the stored position (or the source's own, which is never ahead of it) without loss; keys read twice
 * are applied twice, which is idempotent (docs/design/log-capture.md). The workers consume the journals as they do
 * the source's in trigger capture.
 *
 * <p>A failure closes the reader and opens it again from the stored position, with a backoff, for ever; a log that
 * is gone (dropped slot, purged binlog) or a take-over by another sync ends the pump, and the job, with an ERROR.
 */
final class LogPump implements Runnable {

    private static final Logger LOG = LogManager.getLogger(LogPump.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long WARN_REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final double MB = 1024.0 * 1024.0;

    private final LogCapture capture;
    private final SyncConfiguration config;
    private final DataSource source;
    private final String sourceName;
    private final DataSource target;
    private final Dialect targetDialect;
    private final PairOwner owner;
    private final StopSignal stop;
    private final Object progress = new Object();
    /** The restart position stored on the target; null before the first store. */
    private volatile String stored;
    /** What ended the pump: a log that is gone, a take-over; null while it runs or after a stop. */
    private volatile Exception fatal;
    private volatile long storedChanges;
    private long lastWarning;

    LogPump(LogCapture capture, SyncConfiguration config, DataSource source, DataSource target, Dialect targetDialect,
            PairOwner owner, StopSignal stop) {
        this.capture = capture;
        this.config = config;
        this.source = source;
        this.sourceName = config.getSourceDataSource();
        this.target = target;
        this.targetDialect = targetDialect;
        this.owner = owner;
        this.stop = stop;
    }

    /**
     * Reads the position stored by an earlier run; call before {@link #run}. A source pool that does not tell its
     * login fails here: the reader's own connection could never be opened, and a retry would wait for ever.
     */
    void start() throws SQLException {
        DataSourceLogin.require(source, sourceName);
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(true);
            stored = LogJournals.position(c);
        }
        LOG.info("Log capture: reading the change log of '{}' from {}", sourceName,
                stored == null ? "where prepare started it" : "the stored position " + stored);
    }

    @Override
    public void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        ChangeLogReader reader = null;
        // The target transaction of a chunk runs here while this thread reads the next one from the log: the two
        // take about as long, and the stream is never read or acknowledged from two threads.
        ExecutorService storer = Executors.newSingleThreadExecutor(r -> new Thread(r, "data-sync-log-store"));
        Future<String> storing = null;
        try {
            while (!stop.isRequested()) {
                try {
                    if (reader == null) {
                        reader = capture.open(source, sourceName, config, config.getSyncTables(), stored);
                    }
                    LogChunk chunk = reader.poll(config.getBatchSize(), config.getSyncIntervalMillis());
                    acknowledge(reader, storing);
                    storing = null;
                    String position = chunk.getRestartPosition();
                    boolean moved = position != null && !position.equals(stored);
                    if (chunk.getChanges().isEmpty() && !moved) {
                        continue;
                    }
                    String next = moved ? position : stored;
                    storing = storer.submit(() -> {
                        store(chunk.getChanges(), next);
                        return moved ? next : null;
                    });
                    if (backoff > FIRST_BACKOFF_MILLIS) {
                        LOG.info("Log capture: reading the change log of '{}' again", sourceName);
                    }
                    backoff = FIRST_BACKOFF_MILLIS;
                } catch (LogGoneException | FencedException e) {
                    fatal = e;
                    if (e instanceof LogGoneException) {
                        LOG.error("Log capture: {}", e.getMessage());
                    }
                    return;
                } catch (Exception | Error e) {
                    // The next start is at the stored position: a store still running decides what that is.
                    settle(storing);
                    storing = null;
                    // The chunk in hand is dropped with the reader: the next one starts at the stored position.
                    reader = close(reader);
                    if (stop.isRequested()) {
                        return; // the stop interrupted the read: nothing to tell
                    }
                    warn(e);
                    stop.sleep(backoff);
                    backoff = Math.min(backoff * 2, Math.max(1000, config.getSyncIntervalMillis()));
                }
            }
        } catch (JobStoppedException e) {
            // a stop: the job ends
        } finally {
            // A store in flight commits its keys with their position, or neither: letting it end keeps the position.
            settle(storing);
            storer.shutdownNow();
            close(reader);
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /**
     * Waits for the store in flight and, once it committed a new position, acknowledges that to the source: never
     * before the target holds the keys.
     */
    private void acknowledge(ChangeLogReader reader, Future<String> storing) throws Exception {
        if (storing == null) {
            return;
        }
        String position;
        try {
            // its statements are bounded by the network timeout; the commit and the fence add two more round trips
            position = storing.get(2 * config.getNetworkTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SQLTransientException("storing a chunk of the change log on the target took more than "
                    + 2 * config.getNetworkTimeoutMillis() + " ms; reading again from the stored position", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
        if (position != null) {
            reader.acknowledge(position);
        }
    }

    /** Lets a store in flight end, whatever its outcome: a failure is the reader's to retry. */
    private void settle(Future<String> storing) {
        if (storing == null) {
            return;
        }
        try {
            storing.get(config.getNetworkTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            LOG.debug("The log store in flight ended with a failure; the stored position is {}", stored, e);
        }
    }

    /**
     * Stores {@code changes} in the target's journals and {@code position} next to them, in one transaction whose
     * last statement is the owner fence.
     */
    private void store(List<LogChange> changes, String position) throws SQLException {
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(false);
            c.rollback();
            try {
                Map<String, List<LogChange>> byTable = new LinkedHashMap<>();
                for (LogChange change : changes) {
                    if (change.getOperation() == 'T') {
                        journalEveryKey(c, change.getTable());
                    } else {
                        List<LogChange> list = byTable.get(change.getTable());
                        if (list == null) {
                            list = new ArrayList<>();
                            byTable.put(change.getTable(), list);
                        }
                        list.add(change);
                    }
                }
                for (Map.Entry<String, List<LogChange>> e : byTable.entrySet()) {
                    journal(c, targetDialect, SyncTable.valueOf(e.getKey()), e.getValue());
                }
                if (position != null) {
                    LogJournals.storePosition(c, position);
                }
                owner.fence(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                Connections.rollback(c);
                throw e;
            }
        }
        synchronized (progress) {
            stored = position;
            storedChanges += changes.size();
            progress.notifyAll();
        }
    }

    /** The keys into the table's journal: through the driver's bulk load where there is one (COPY), else a batch. */
    private static void journal(Connection c, Dialect dialect, SyncTable table, List<LogChange> changes)
            throws SQLException {
        CaptureNames names = CaptureNames.of(table);
        List<KeyColumn> keys = names.getKeyColumns();
        List<String> columns = new ArrayList<>();
        columns.add("OPERATION");
        for (KeyColumn k : keys) {
            columns.add(k.getName());
        }
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (LogChange change : changes) {
            Object[] row = new Object[keys.size() + 1];
            row[0] = String.valueOf(change.getOperation());
            for (int i = 0; i < keys.size(); i++) {
                row[i + 1] = change.getKey().get(i);
            }
            rows.add(row);
        }
        if (dialect.bulkInsert(c, names.getJournal(), columns, rows)) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + names.getJournal() + " (" + String.join(", ", columns)
                + ") VALUES (?");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", ?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A truncated source table names no key: every key the target holds of it is journalled as a delete, and the
     * worker finds each one gone on the source, or there again (a row inserted after the truncate). So are the keys
     * already pending in the journal: a batch that read such a row before the truncate and commits it after this
     * statement would leave it on the target with no entry left to remove it.
     */
    private static void journalEveryKey(Connection c, String table) throws SQLException {
        CaptureNames names = CaptureNames.of(SyncTable.valueOf(table));
        List<String> keys = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            keys.add(k.getName());
        }
        String list = String.join(", ", keys);
        try (Statement s = c.createStatement()) {
            int n = s.executeUpdate("INSERT INTO " + names.getJournal() + " (OPERATION, " + list + ") SELECT 'D', "
                    + list + " FROM " + table + " UNION SELECT 'D', " + list + " FROM " + names.getJournal());
            LOG.info("Log capture: {} was truncated on the source; its {} keys on the target and in the journal are "
                    + "queued", table, n);
        }
    }

    /**
     * Whether the stored position reached {@code goal} (a drain's: the end of the log when it started): everything
     * the log held then is in the target's journals.
     *
     * @throws SQLException when the pump has ended for good
     */
    boolean hasStored(String goal) throws SQLException {
        synchronized (progress) {
            if (capture.reached(stored, goal)) {
                return true;
            }
            if (fatal != null) {
                throw failure();
            }
            return false;
        }
    }

    /** How many changes the pump has stored since it started; see {@link #awaitMore}. */
    long storedChanges() {
        return storedChanges;
    }

    /**
     * Waits until the pump stored more than {@code seen} changes, or its position reached {@code goal}, at most one
     * syncInterval: the workers of a drain found the journals empty while the pump was still reading.
     *
     * @throws JobStoppedException on a stop
     * @throws SQLException when the pump has ended for good
     */
    void awaitMore(long seen, String goal) throws JobStoppedException, SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.getSyncIntervalMillis());
        synchronized (progress) {
            while (storedChanges == seen && !capture.reached(stored, goal)) {
                stop.check();
                if (fatal != null) {
                    throw failure();
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JobStoppedException();
                }
            }
        }
    }

    /** What ended the pump, as the job's failure; null while it runs. */
    SQLException failure() {
        Exception e = fatal;
        if (e == null) {
            return null;
        }
        return e instanceof SQLException ? (SQLException) e : new SQLException(e.getMessage(), e);
    }

    /** Whether another sync took the target over from this pump. */
    boolean isFenced() {
        return fatal instanceof FencedException;
    }

    /**
     * The progress line of the log: position stored, changes stored, the log the source keeps beyond it; a WARN above
     * {@code logLagWarnMb}; a log found gone ends the pump with its ERROR.
     */
    void report() {
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(true);
            // A table swapped for a new one of the same name is not in the publication any more: its changes would
            // never reach the log we read, as a trigger stays with the old table.
            String problem = capture.problem(c, config.getSyncTables(), "the source database '" + sourceName + "'");
            if (problem != null) {
                throw new LogGoneException(problem);
            }
            long lag = capture.lagBytes(c, stored);
            String line = String.format(Locale.ROOT, "%.1f MB", lag / MB);
            if (lag > config.getLogLagWarnBytes()) {
                LOG.warn("Log capture: the source keeps {} of change log for this sync (above logLagWarnMb = {}): it "
                        + "grows while sync is stopped or slower than IS writes; a source disk that fills stops the "
                        + "source. Keep sync running, or run clean to drop the slot if the migration is abandoned",
                        line, config.getLogLagWarnBytes() / (1024 * 1024));
            }
            LOG.info("Log capture: {} changes stored on the target, position {}, log lag {}", storedChanges,
                    stored == null ? "none yet" : stored, line);
        } catch (LogGoneException e) {
            if (fatal == null) {
                fatal = e;
                LOG.error("Log capture: {}", e.getMessage());
            }
        } catch (SQLException e) {
            LOG.warn("Log capture: cannot read the log lag on the source: {}", SqlFailures.describe(e));
        } catch (RuntimeException e) {
            LOG.error("Log capture: the progress report failed; it runs again at the next interval", e);
        }
    }

    /**
     * A passing failure (connection, serialization, a server shutting down, a slot still held by a walsender that has
     * not noticed its client is gone) is a WARN; anything else needs a person and is an ERROR; both are retried and
     * repeated at most once a minute, as a group's failures are.
     */
    private void warn(Throwable e) {
        long now = System.nanoTime();
        String what = e instanceof SQLException ? SqlFailures.describe((SQLException) e) : e.toString();
        boolean passing = e instanceof SQLException && (SqlFailures.isTransient((SQLException) e)
                || "55006".equals(((SQLException) e).getSQLState()));
        if (lastWarning == 0 || now - lastWarning > WARN_REPEAT_NANOS) {
            lastWarning = now;
            String line = "Log capture: reading the change log of '{}' or storing it on the target failed, retried "
                    + "from the stored position {}: {}";
            if (passing) {
                LOG.warn(line, sourceName, stored == null ? "(the slot's)" : stored, what);
            } else {
                LOG.error(line, sourceName, stored == null ? "(the slot's)" : stored, what);
            }
        } else {
            LOG.debug("Log capture failed again: {}", what, e);
        }
    }

    private static ChangeLogReader close(ChangeLogReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Closing the log reader failed", e);
            }
        }
        return null;
    }
}
