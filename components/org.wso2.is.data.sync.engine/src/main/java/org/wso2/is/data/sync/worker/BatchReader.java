/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.wso2.is.data.sync.capture.Journal;
import org.wso2.is.data.sync.capture.JournalEntry;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;
import org.wso2.is.data.sync.transform.Transformers;

/**
 * The source side of a table group's batches: acknowledging the entries of a batch committed on the target, reading
 * the oldest committed entries, and reading the current source rows of their keys, transformed for the target.
 * Every read is a transaction of its own, begun by rolling back whatever a pooled connection still carries.
 */
final class BatchReader {

    /** IS issues a token with one to four scopes. */
    private static final int CHILD_ENTRIES_PER_PARENT = 4;

    private final TableGroup group;
    private final SyncConfiguration config;
    private final DataSource source;
    private final Dialect dialect;
    private final DataSource journals;
    private final Dialect journalDialect;
    private final Journal parentJournal;
    private final Journal childJournal;
    private final RowTransformer parentTransform;
    private final RowTransformer childTransform;
    /** Log capture: the keys the log pump hands this group in memory; null with trigger capture. */
    private final LogQueue queue;
    /** Log capture: whether the last batch read came from the queue (a failure's diagnosis looks there). */
    private volatile boolean lastFromQueue;

    /**
     * @param journals where the journals are: the source (trigger capture) or the target (log capture, where the
     *                 log pump writes the keys its queues had no room for, and repair and resync theirs);
     *                 {@code journalDialect} is that database's
     * @param queue    log capture's keys in memory, read before the target's journals; null with trigger capture
     */
    BatchReader(TableGroup group, SyncConfiguration config, DataSource source, Dialect dialect, DataSource journals,
                Dialect journalDialect, LogQueue queue) {
        this.group = group;
        this.queue = queue;
        this.config = config;
        this.source = source;
        this.dialect = dialect;
        this.journals = journals;
        this.journalDialect = journalDialect;
        this.parentJournal = new Journal(journalDialect, CaptureNames.of(group.getParent()));
        this.childJournal = group.getChild() == null ? null
                : new Journal(journalDialect, CaptureNames.of(group.getChild()));
        this.parentTransform = Transformers.chain(group.getParent(), config.getSourceVersion(),
                config.getTargetVersion());
        this.childTransform = group.getChild() == null ? null
                : Transformers.chain(group.getChild(), config.getSourceVersion(), config.getTargetVersion());
    }

    /**
     * On one source transaction each: deletes {@code consumed} from the journals (their batch is committed on the
     * target), then reads the oldest committed entries other than {@code inFlight} (the batch being written) and
     * the current source rows of their keys, transformed for the target. In log capture, see
     * {@link #nextWithQueue}.
     */
    Batch next(Entries consumed, Entries inFlight) throws SQLException {
        if (queue != null) {
            return nextWithQueue(consumed, inFlight);
        }
        try (Connection src = begin(source)) {
            try {
                Entries entries = entries(src, consumed, inFlight);
                if (entries.isEmpty()) {
                    src.commit();
                    return Batch.EMPTY;
                }
                DirtyKeys keys = dirtyKeys(entries.parents, entries.children);
                Changes changes = rows(src, keys);
                src.commit();
                return new Batch(entries, keys, changes);
            } catch (SQLException | RuntimeException | Error e) {
                Connections.rollback(src);
                throw e;
            }
        }
    }

    /**
     * Log capture: the keys queued in memory first, the target's journals (repair, resync, a truncate, keys the
     * queue had no room for) when the queue is empty or once each syncInterval; the keys or entries consumed are
     * those of the last batch committed. Either way the rows are read, in a source transaction of their own, after
     * the keys were taken, hence after their changes committed on the source (the pump hands a change on only once
     * it is visible).
     */
    private Batch nextWithQueue(Entries consumed, Entries inFlight) throws SQLException {
        if (!consumed.isEmpty()) {
            queue.committed();
        }
        if (consumed.fromLog) {
            queue.consume(consumed);
            consumed = Entries.NONE;
        }
        Entries entries = Entries.NONE;
        if (!queue.journalDue(config.getSyncIntervalMillis())) {
            entries = queue.take(config.getBatchSize(), childBatchSize(), inFlight);
        }
        if (entries.isEmpty() || !consumed.isEmpty()) {
            Entries journalled = onTargetJournals(consumed, inFlight.fromLog ? Entries.NONE : inFlight,
                    entries.isEmpty());
            if (entries.isEmpty()) {
                queue.journalRead();
                entries = journalled.isEmpty() ? queue.take(config.getBatchSize(), childBatchSize(), inFlight)
                        : journalled;
            }
        }
        if (entries.isEmpty()) {
            return Batch.EMPTY;
        }
        lastFromQueue = entries.fromLog;
        DirtyKeys keys = dirtyKeys(entries.parents, entries.children);
        return new Batch(entries, keys, current(keys));
    }

    /**
     * On a target transaction: deletes {@code consumed} from the journals and, with {@code read}, reads the oldest
     * entries other than {@code inFlight}'s.
     */
    private Entries onTargetJournals(Entries consumed, Entries inFlight, boolean read) throws SQLException {
        try (Connection j = begin(journals)) {
            try {
                Entries entries = read ? entries(j, consumed, inFlight) : Entries.NONE;
                if (!read) {
                    consume(j, consumed);
                }
                j.commit();
                return entries;
            } catch (SQLException | RuntimeException | Error e) {
                Connections.rollback(j);
                throw e;
            }
        } catch (SQLException e) {
            throw new OnTarget(e);
        }
    }

    /**
     * A connection in a fresh transaction. A pool may hand back a connection still inside an earlier transaction
     * (Carbon's does not end them on return): on REPEATABLE READ its old snapshot would show consumed entries and
     * stale rows.
     */
    private static Connection begin(DataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        try {
            c.setAutoCommit(false);
            c.rollback();
            return c;
        } catch (SQLException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** Deletes {@code consumed} (committing), then reads the oldest entries other than {@code inFlight} on {@code j}. */
    private Entries entries(Connection j, Entries consumed, Entries inFlight) throws SQLException {
        if (!consumed.isEmpty()) {
            consume(j, consumed);
            j.commit();
        }
        journalDialect.beginBatch(j);
        List<JournalEntry> parents = parentJournal.readOldest(j, config.getBatchSize(), inFlight.parents);
        List<JournalEntry> children = childJournal == null ? Collections.<JournalEntry>emptyList()
                : childEntriesOf(parents, childJournal.readOldest(j, childBatchSize(), inFlight.children));
        return new Entries(parents, children);
    }

    private void consume(Connection j, Entries consumed) throws SQLException {
        parentJournal.consume(j, consumed.parents);
        if (childJournal != null) {
            childJournal.consume(j, consumed.children);
        }
    }

    /** The current source state of {@code keys}, in a source transaction of its own. */
    Changes current(DirtyKeys keys) throws SQLException {
        try (Connection src = source.getConnection()) {
            src.setAutoCommit(false);
            src.rollback();
            try {
                dialect.beginBatch(src);
                Changes changes = rows(src, keys);
                src.commit();
                return changes;
            } catch (SQLException | RuntimeException | Error e) {
                Connections.rollback(src);
                throw e;
            }
        }
    }

    /**
     * The keys of the oldest pending entries (what the next batch would take), read on {@code src}, or, with the
     * journals on the target, on a connection of the target's of its own; in log capture, the oldest queued keys
     * when the last batch came from the queue.
     */
    DirtyKeys pendingKeys(Connection src) throws SQLException {
        if (queue != null && lastFromQueue) {
            Entries queued = queue.take(config.getBatchSize(), childBatchSize(), Entries.NONE);
            if (!queued.isEmpty()) {
                return dirtyKeys(queued.parents, queued.children);
            }
        }
        if (journals != source) {
            try (Connection j = journals.getConnection()) {
                j.setAutoCommit(true);
                return pendingKeysOn(j);
            }
        }
        return pendingKeysOn(src);
    }

    private DirtyKeys pendingKeysOn(Connection c) throws SQLException {
        List<JournalEntry> parents = parentJournal.readOldest(c, config.getBatchSize());
        List<JournalEntry> children = childJournal == null ? Collections.<JournalEntry>emptyList()
                : childJournal.readOldest(c, childBatchSize());
        return dirtyKeys(parents, children);
    }

    /**
     * The current source rows of the keys, transformed for the target: the parents in the order of their keys,
     * and only rows whose key is a dirty key to the letter (the database may return rows it calls equal).
     */
    Changes rows(Connection src, DirtyKeys keys) throws SQLException {
        SyncTable parent = group.getParent();
        Rows parents = inKeyOrder(parentTransform.transform(SourceReader.fetch(src, dialect, parent.name(),
                TableDefinitions.columns(parent, config.getSourceVersion()), group.parentKey(), keys.parents), src),
                keys.parents);
        Rows children = null;
        if (group.getChild() != null) {
            SyncTable child = group.getChild();
            children = childTransform.transform(SourceReader.fetch(src, dialect, child.name(),
                    TableDefinitions.columns(child, config.getSourceVersion()), group.parentKey(), keys.all()), src);
        }
        return new Changes(parents, children);
    }

    /**
     * IS writes several scopes per token, so the scope journal fills faster than the token journal: read it
     * deeper, or it falls behind and every batch re-copies the same tokens' scopes.
     */
    private int childBatchSize() {
        return config.getBatchSize() * CHILD_ENTRIES_PER_PARENT;
    }

    /**
     * The child entries a batch takes. While the parent journal has more than one batch pending, the child entries
     * written after the batch's last parent entry name parents this batch does not bring: taking them would copy
     * those children now and again with their parents' own entries, so they wait. Only efficiency rides on the
     * clocks compared: entries left out are read by a later batch.
     */
    private List<JournalEntry> childEntriesOf(List<JournalEntry> parents, List<JournalEntry> children) {
        if (parents.size() < config.getBatchSize() || children.isEmpty()) {
            return children;
        }
        long latest = Long.MIN_VALUE;
        for (JournalEntry e : parents) {
            latest = Math.max(latest, e.getChangedAt().getTime());
        }
        List<JournalEntry> taken = new ArrayList<>();
        for (JournalEntry e : children) {
            if (e.getChangedAt().getTime() <= latest) {
                taken.add(e);
            }
        }
        return taken;
    }

    /**
     * The parent keys of a batch's parent entries, in journal order, and the parents of child entries that have
     * none of their own in the batch. The two journals are read independently, so the parent journal may be
     * behind: such a parent is not re-copied (its own entries, still pending, come in order later and bring its
     * children), only its children are, and only where the target has the parent.
     */
    private DirtyKeys dirtyKeys(List<JournalEntry> parents, List<JournalEntry> children) {
        Set<List<Object>> keys = new LinkedHashSet<>();
        for (JournalEntry e : parents) {
            keys.add(e.getKey());
        }
        Set<List<Object>> childOnly = new LinkedHashSet<>();
        int width = group.parentKeyWidth();
        for (JournalEntry e : children) {
            List<Object> parent = new ArrayList<>(e.getKey().subList(0, width));
            if (!keys.contains(parent)) {
                childOnly.add(parent);
            }
        }
        return new DirtyKeys(new ArrayList<>(keys), new ArrayList<>(childOnly));
    }

    /**
     * The rows in the order of {@code keys}, which is the order of their journal entries: an update that gives
     * up a unique value then comes before the insert that takes it.
     */
    private Rows inKeyOrder(Rows rows, List<List<Object>> keys) {
        int[] key = group.keyIndexes(rows);
        Map<List<Object>, Object[]> byKey = new HashMap<>();
        for (Object[] row : rows.getValues()) {
            byKey.put(KeyPredicate.comparable(row, key), row);
        }
        Rows ordered = new Rows(rows.getColumns(), rows.sqlTypes());
        for (List<Object> k : keys) {
            Object[] row = byKey.get(KeyPredicate.comparable(k));
            if (row != null) {
                ordered.add(row);
            }
        }
        return ordered;
    }

    /**
     * A failure of the journals on the target (log capture): the batch failed on the target's side, though the
     * reader thread met it, so that the report names the database that failed.
     */
    static final class OnTarget extends SQLException {

        private static final long serialVersionUID = 1L;

        OnTarget(SQLException e) {
            super(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }
}
