/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * Log capture's one reader per sync: polls the source's change log (at most {@code batchSize} changes at a time) and
 * hands each chunk's keys to the workers in memory, one bounded {@link LogQueue} per table group ({@link LogBacklog});
 * a group whose queue has no room within a bounded wait gives its queued keys, and its keys from then on until its
 * worker commits again, to the target's journals instead, in a target transaction fenced by the owner epoch. A worker consumes a key only after the batch that wrote it committed on the
 * target, so the position up to which every chunk is applied is never ahead of the target. That position, and no
 * other, is stored on the target (with the owner fence) at most every {@value #STORE_MILLIS} ms, and only after that
 * commit acknowledged to the source. A kill -9 anywhere resumes from the stored position (or the source's own, which
 * is never ahead of it) without loss; keys read twice are applied twice, which is idempotent
 * (docs/design/log-capture.md). Memory is bounded by the queues, whatever the backlog.
 *
 * <p>A failure closes the reader and opens it again from the stored position, with a backoff, for ever; a log that
 * is gone (dropped slot, purged binlog) or a take-over by another sync ends the pump, and the job, with an ERROR.
 */
final class LogPump implements Runnable {

    private static final Logger LOG = LogManager.getLogger(LogPump.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long WARN_REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How often the applied position is stored at most: a one-row transaction, and the source may free its log. */
    static final long STORE_MILLIS = 200;
    /**
     * How long a chunk waits at most for room in its groups' queues (or one syncInterval, if shorter), all groups
     * together: the stream is not read meanwhile, and the server drops a replication client silent for longer than
     * its wal_sender_timeout (60 s by default).
     */
    private static final long ROOM_WAIT_MILLIS = 5_000;
    private static final double MB = 1024.0 * 1024.0;

    private final LogCapture capture;
    private final SyncConfiguration config;
    private final DataSource source;
    private final String sourceName;
    private final DataSource target;
    private final Dialect targetDialect;
    private final PairOwner owner;
    private final StopSignal stop;
    /** The restart position stored on the target; null before the first store. */
    private volatile String stored;
    private final LogBacklog backlog;
    /** What ended the pump: a log that is gone, a take-over; null while it runs or after a stop. */
    private volatile Exception fatal;
    /** The restart position of the last chunk handed over. */
    private String handed;
    private volatile long storedAt;
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
        // A batch takes up to batchSize parent and four times as many child keys, and one is read while one is written.
        this.backlog = new LogBacklog(TableGroup.of(config.getSyncTables()), 16 * config.getBatchSize(), capture);
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
        handed = stored;
        storedAt = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(STORE_MILLIS);
        backlog.startAt(stored);
        LOG.info("Log capture: reading the change log of '{}' from {}", sourceName,
                stored == null ? "where prepare started it" : "the stored position " + stored);
    }

    /** The keys that wait in memory for their worker (or in a batch not yet committed), for the progress lines. */
    SyncProgress.Queued queued() {
        return new SyncProgress.Queued() {
            @Override
            public int count(SyncTable table) {
                return backlog.queueOf(table).keysOf(table).size();
            }

            @Override
            public long oldestMillis(SyncTable table) {
                return backlog.queueOf(table).oldestMillisOf(table);
            }
        };
    }

    /** The keys handed to {@code group}'s worker. */
    LogQueue queue(TableGroup group) {
        return backlog.queue(group);
    }

    @Override
    public void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        ChangeLogReader reader = null;
        try {
            while (!stop.isRequested()) {
                try {
                    if (reader == null) {
                        reader = capture.open(source, sourceName, config, config.getSyncTables(), stored);
                    }
                    handOver(reader.poll(config.getBatchSize(), config.getSyncIntervalMillis()));
                    storeApplied(reader);
                    if (backoff > FIRST_BACKOFF_MILLIS) {
                        LOG.info("Log capture: reading the change log of '{}' again", sourceName);
                    }
                    backoff = FIRST_BACKOFF_MILLIS;
                } catch (LogGoneException | FencedException e) {
                    fatal = e;
                    backlog.wake();
                    if (e instanceof LogGoneException) {
                        LOG.error("Log capture: {}", e.getMessage());
                    }
                    return;
                } catch (Exception | Error e) {
                    // The log is read again from the stored position, which no chunk not yet applied is before: their
                    // keys are handed over again (those still queued are applied all the same).
                    backlog.forget();
                    handed = stored;
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
            close(reader);
            backlog.wake();
        }
    }

    /**
     * Hands a chunk's keys to the groups' queues, waiting a bounded time for room; a queue without room gives up its
     * queued keys too, and they, the chunk's keys for it and a truncated table's go to the target's journals,
     * committed before the chunk, and the evicted keys' chunks, count as handed over.
     */
    private void handOver(LogChunk chunk) throws SQLException, InterruptedException {
        String position = chunk.getRestartPosition();
        boolean moved = position != null && !position.equals(handed);
        if (chunk.getChanges().isEmpty() && !moved) {
            return;
        }
        LogBacklog.Chunk handing = backlog.begin(moved ? position : null);
        Map<LogQueue, List<LogChange>> byQueue = new LinkedHashMap<>();
        List<SyncTable> truncated = new ArrayList<>();
        for (LogChange change : chunk.getChanges()) {
            SyncTable table = SyncTable.valueOf(change.getTable());
            if (change.getOperation() == 'T') {
                truncated.add(table);
            } else {
                byQueue.computeIfAbsent(backlog.queueOf(table), q -> new ArrayList<>()).add(change);
            }
        }
        List<LogChange> journalled = new ArrayList<>();
        List<LogQueue.Evicted> evicted = new ArrayList<>();
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(Math.min(config.getSyncIntervalMillis(), ROOM_WAIT_MILLIS));
        for (Map.Entry<LogQueue, List<LogChange>> e : byQueue.entrySet()) {
            if (!e.getKey().offer(e.getValue(), handing, deadline)) {
                LogQueue.Evicted queued = e.getKey().evict();
                evicted.add(queued);
                journalled.addAll(queued.changes);
                journalled.addAll(e.getValue());
            }
        }
        if (!journalled.isEmpty() || !truncated.isEmpty()) {
            store(journalled, truncated);
        }
        for (LogQueue.Evicted e : evicted) {
            e.release();
        }
        if (moved) {
            handed = position;
        }
        backlog.handedOver(handing, chunk.getChanges().size());
    }

    /**
     * Stores the applied position on the target, with the owner fence, at most every {@value #STORE_MILLIS} ms, and
     * then acknowledges it to the source: never before the target holds every change up to it.
     */
    private void storeApplied(ChangeLogReader reader) throws SQLException {
        if (System.nanoTime() - storedAt < TimeUnit.MILLISECONDS.toNanos(STORE_MILLIS)) {
            return;
        }
        String position = storeApplied();
        if (position != null) {
            reader.acknowledge(position);
        }
    }

    /**
     * Stores the applied position on the target now, with the owner fence, if it is past the stored one; returns it,
     * or null when there was nothing to store. A drain calls it once it is complete, so that the next sync starts
     * where the drain ended; only the pump's thread acknowledges a position to the source.
     */
    synchronized String storeApplied() throws SQLException {
        String applied = backlog.applied();
        if (applied == null || capture.reached(stored, applied)) {
            return null;
        }
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(false);
            c.rollback();
            try {
                LogJournals.storePosition(c, applied);
                owner.fence(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                Connections.rollback(c);
                throw e;
            }
        }
        stored = applied;
        storedAt = System.nanoTime();
        return applied;
    }

    /**
     * Stores {@code changes} and every key a truncated table may have on the target in the target's journals, in one
     * transaction whose last statement is the owner fence.
     */
    private void store(List<LogChange> changes, List<SyncTable> truncated) throws SQLException {
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(false);
            c.rollback();
            try {
                for (SyncTable table : truncated) {
                    journalEveryKey(c, table);
                }
                Map<SyncTable, List<LogChange>> byTable = new LinkedHashMap<>();
                for (LogChange change : changes) {
                    byTable.computeIfAbsent(SyncTable.valueOf(change.getTable()), t -> new ArrayList<>()).add(change);
                }
                for (Map.Entry<SyncTable, List<LogChange>> e : byTable.entrySet()) {
                    journal(c, targetDialect, e.getKey(), e.getValue());
                }
                owner.fence(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                Connections.rollback(c);
                throw e;
            }
        }
    }

    /** The keys into the table's journal: through the driver's bulk load where there is one (COPY), else a batch. */
    private static void journal(Connection c, Dialect dialect, SyncTable table, List<LogChange> changes)
            throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
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
     * pending in the journal or queued (a batch holds its keys there until it commits): a batch that read such a row
     * before the truncate and commits it after this statement would leave it on the target with no entry left to
     * remove it. A batch copies a token's scopes with the token, so for the scope table the pending token keys are
     * queued again too: their scopes are then read again, after the truncate.
     */
    private void journalEveryKey(Connection c, SyncTable table) throws SQLException {
        LogQueue queue = backlog.queueOf(table);
        SyncTable parent = queue.group().getChild() == table ? queue.group().getParent() : null;
        List<List<Object>> queued = queue.keysOf(table);
        List<List<Object>> queuedParents = parent == null ? Collections.<List<Object>>emptyList()
                : queue.keysOf(parent);
        CaptureNames names = CaptureNames.of(table);
        String list = keyList(names);
        try (Statement s = c.createStatement()) {
            int n = s.executeUpdate("INSERT INTO " + names.getJournal() + " (OPERATION, " + list + ") SELECT 'D', "
                    + list + " FROM " + table + " UNION SELECT 'D', " + list + " FROM " + names.getJournal());
            journal(c, targetDialect, table, changes(table, 'D', queued));
            int parents = 0;
            if (parent != null) {
                CaptureNames p = CaptureNames.of(parent);
                String keys = keyList(p);
                parents = s.executeUpdate("INSERT INTO " + p.getJournal() + " (OPERATION, " + keys + ") SELECT "
                        + "DISTINCT 'U', " + keys + " FROM " + p.getJournal());
                journal(c, targetDialect, parent, changes(parent, 'U', queuedParents));
            }
            LOG.info("Log capture: {} was truncated on the source; its {} keys on the target and in the journal, and "
                    + "{} queued, are queued in the journal{}", table, n, queued.size(), parent == null ? ""
                    : ", and " + (parents + queuedParents.size()) + " pending keys of " + parent + " again");
        }
    }

    private static String keyList(CaptureNames names) {
        List<String> keys = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            keys.add(k.getName());
        }
        return String.join(", ", keys);
    }

    private static List<LogChange> changes(SyncTable table, char operation, List<List<Object>> keys) {
        List<LogChange> changes = new ArrayList<>(keys.size());
        for (List<Object> key : keys) {
            changes.add(new LogChange(table.name(), operation, key.toArray()));
        }
        return changes;
    }

    /**
     * Whether every change up to {@code goal} (a drain's: the end of the log when it started) is applied: committed on
     * the target, or in its journals.
     *
     * @throws SQLException when the pump has ended for good
     */
    boolean hasApplied(String goal) throws SQLException {
        if (backlog.reached(goal)) {
            return true;
        }
        if (fatal != null) {
            throw failure();
        }
        return false;
    }

    /** How many changes the pump has handed to the workers since it started; see {@link #awaitMore}. */
    long handedOver() {
        return backlog.handedOver();
    }

    /**
     * Waits until the pump handed over more than {@code seen} changes, or the applied position reached {@code goal},
     * at most one syncInterval: the workers of a drain found nothing to do while the pump was still reading.
     *
     * @throws JobStoppedException on a stop
     * @throws SQLException when the pump has ended for good
     */
    void awaitMore(long seen, String goal) throws JobStoppedException, SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.getSyncIntervalMillis());
        while (backlog.handedOver() == seen && !backlog.reached(goal)) {
            stop.check();
            if (fatal != null) {
                throw failure();
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            try {
                backlog.await(seen, goal, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobStoppedException();
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
     * The progress line of the log: changes read, keys queued, position stored, the log the source keeps beyond
     * it; a WARN above {@code logLagWarnMb}; a log found gone ends the pump with its ERROR.
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
            LOG.info("Log capture: {} changes read, {} queued for the workers, position stored {}, log lag {}",
                    backlog.handedOver(), backlog.queued(), stored == null ? "none yet" : stored, line);
        } catch (LogGoneException e) {
            if (fatal == null) {
                fatal = e;
                LOG.error("Log capture: {}", e.getMessage());
                backlog.wake();
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
