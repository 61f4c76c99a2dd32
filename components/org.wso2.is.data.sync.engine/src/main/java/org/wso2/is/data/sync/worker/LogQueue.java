/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.wso2.is.data.sync.capture.JournalEntry;
import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * One table group's keys read from the log and not yet applied, in the log's order: the pump adds them, the group's
 * worker takes them as a batch takes journal entries, and consumes them once the batch committed on the target. At
 * most {@code capacity} keys; a pump that finds no room within its wait puts the group's keys, the queued ones too, in
 * the target's journal instead, and goes on doing so until the worker commits a batch again (a group the target
 * refuses holds up neither the others' keys nor the log's position).
 */
final class LogQueue {

    private final TableGroup group;
    private final int capacity;
    private final LogBacklog backlog;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private long nextId;
    private boolean spilling;
    /** When the worker last read the target's journal ({@link System#nanoTime}); 0: never. */
    private long journalReadAt;

    LogQueue(TableGroup group, int capacity, LogBacklog backlog) {
        this.group = group;
        this.capacity = capacity;
        this.backlog = backlog;
    }

    /**
     * Adds the keys of {@code changes} (all of this group's tables) for {@code chunk}, waiting until {@code deadline}
     * ({@link System#nanoTime}) for room; false, and nothing added, when the room did not come, or has not since the
     * worker last committed a batch (the pump then journals the keys, and {@link #evict}s the queued ones).
     */
    synchronized boolean offer(List<LogChange> changes, LogBacklog.Chunk chunk, long deadline)
            throws InterruptedException {
        // An empty queue takes any chunk: a chunk is at most about batchSize changes.
        while (!spilling && !items.isEmpty() && items.size() + changes.size() > capacity) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                spilling = true;
                break;
            }
            wait(left);
        }
        if (spilling) {
            return false;
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<Item> added = new ArrayList<>(changes.size());
        for (LogChange c : changes) {
            SyncTable table = SyncTable.valueOf(c.getTable());
            added.add(new Item(new JournalEntry(nextId + added.size() + 1, c.getOperation(), now,
                    keyOf(table, c.getKey())), table == group.getChild(), chunk));
        }
        nextId += added.size();
        chunk.remaining.addAndGet(added.size());
        items.addAll(added);
        notifyAll();
        return true;
    }

    /**
     * The oldest keys other than {@code inFlight}'s (the batch being written), at most {@code parents} of the parent
     * table and {@code children} of the child table, as log entries.
     */
    synchronized Entries take(int parents, int children, Entries inFlight) {
        Set<Long> skip = inFlight.fromLog ? ids(inFlight) : new HashSet<Long>();
        List<JournalEntry> p = new ArrayList<>();
        List<JournalEntry> c = new ArrayList<>();
        for (Item item : items) {
            if (p.size() >= parents || c.size() >= children) {
                break;
            }
            if (!skip.contains(item.entry.getSyncId())) {
                (item.child ? c : p).add(item.entry);
            }
        }
        return Entries.ofLog(p, c);
    }

    /** Removes {@code taken}, whose batch committed on the target, and releases their chunks. */
    void consume(Entries taken) {
        Set<Long> done = ids(taken);
        Map<LogBacklog.Chunk, Integer> released = new HashMap<>();
        synchronized (this) {
            for (Iterator<Item> i = items.iterator(); i.hasNext() && !done.isEmpty(); ) {
                Item item = i.next();
                if (done.remove(item.entry.getSyncId())) {
                    i.remove();
                    released.merge(item.chunk, 1, Integer::sum);
                }
            }
            notifyAll();
        }
        for (Map.Entry<LogBacklog.Chunk, Integer> e : released.entrySet()) {
            backlog.release(e.getKey(), e.getValue());
        }
    }

    /**
     * Removes every queued key, for the pump to journal on the target: their worker has committed nothing for a
     * while, and the log's position must not wait for it. Once the journal holds them, {@link Evicted#release} counts
     * them applied; a batch of the worker's that holds some of them and commits later finds them gone, and the
     * journal's entries apply the keys once more.
     */
    synchronized Evicted evict() {
        List<LogChange> changes = new ArrayList<>(items.size());
        Map<LogBacklog.Chunk, Integer> chunks = new HashMap<>();
        for (Item item : items) {
            SyncTable table = item.child ? group.getChild() : group.getParent();
            changes.add(new LogChange(table.name(), item.entry.getOperation(), item.entry.getKey().toArray()));
            chunks.merge(item.chunk, 1, Integer::sum);
        }
        items.clear();
        notifyAll();
        return new Evicted(changes, chunks, backlog);
    }

    TableGroup group() {
        return group;
    }

    /** The worker committed a batch: it is not stuck, and its queue takes keys again. */
    synchronized void committed() {
        spilling = false;
    }

    /** The keys queued of {@code table} (a truncate journals them as deletes). */
    synchronized List<List<Object>> keysOf(SyncTable table) {
        boolean child = table == group.getChild();
        List<List<Object>> keys = new ArrayList<>();
        for (Item item : items) {
            if (item.child == child) {
                keys.add(item.entry.getKey());
            }
        }
        return keys;
    }

    /** Waits at most {@code millis} for a key, not at all when one is queued. */
    synchronized void awaitKeys(long millis) throws InterruptedException {
        if (items.isEmpty()) {
            wait(millis);
        }
    }

    /** How long the oldest queued key of {@code table} has waited, in ms; 0 when none is queued. */
    synchronized long oldestMillisOf(SyncTable table) {
        boolean child = table == group.getChild();
        for (Item item : items) {
            if (item.child == child) {
                return Math.max(0, System.currentTimeMillis() - item.entry.getChangedAt().getTime());
            }
        }
        return 0;
    }

    synchronized int size() {
        return items.size();
    }

    /**
     * Whether the worker should read the target's journal before the queue: it is not read while keys are queued,
     * save once each {@code intervalMillis}, so that entries there (repair, resync, a truncate, keys the queue had no
     * room for) wait at most that long behind a busy log.
     */
    synchronized boolean journalDue(long intervalMillis) {
        return journalReadAt == 0 || items.isEmpty()
                || System.nanoTime() - journalReadAt >= TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    synchronized void journalRead() {
        journalReadAt = System.nanoTime();
    }

    /** The key as the journal of {@code table} would give it back: integers as Integer, the rest as text. */
    private static Object[] keyOf(SyncTable table, List<Object> key) {
        List<KeyColumn> columns = CaptureNames.of(table).getKeyColumns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Object v = key.get(i);
            values[i] = v == null ? null : columns.get(i).getKind() == KeyColumn.Kind.INTEGER
                    ? (Object) ((Number) v).intValue() : v.toString();
        }
        return values;
    }

    private static Set<Long> ids(Entries entries) {
        Set<Long> ids = new HashSet<>();
        for (JournalEntry e : entries.parents) {
            ids.add(e.getSyncId());
        }
        for (JournalEntry e : entries.children) {
            ids.add(e.getSyncId());
        }
        return ids;
    }

    /** Keys taken out of a queue, with the chunks they came from. */
    static final class Evicted {
        final List<LogChange> changes;
        private final Map<LogBacklog.Chunk, Integer> chunks;
        private final LogBacklog backlog;

        Evicted(List<LogChange> changes, Map<LogBacklog.Chunk, Integer> chunks, LogBacklog backlog) {
            this.changes = changes;
            this.chunks = chunks;
            this.backlog = backlog;
        }

        /** Counts the keys applied: call once the target's journal holds them. */
        void release() {
            for (Map.Entry<LogBacklog.Chunk, Integer> e : chunks.entrySet()) {
                backlog.release(e.getKey(), e.getValue());
            }
        }
    }

    private static final class Item {
        final JournalEntry entry;
        final boolean child;
        final LogBacklog.Chunk chunk;

        Item(JournalEntry entry, boolean child, LogBacklog.Chunk chunk) {
            this.entry = entry;
            this.child = child;
            this.chunk = chunk;
        }
    }
}
