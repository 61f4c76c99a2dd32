/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.config.SyncTable;

/**
 * Log capture's keys between the log pump and the workers, in memory: one bounded {@link LogQueue} per table group,
 * and the chunks of the log they came from, in the log's order. A chunk is <em>applied</em> once every key it
 * handed to a queue was consumed by its worker, which a worker does only after the batch that wrote the key
 * committed on the target, and once the keys the pump put in the target's journals instead were committed; the
 * applied position is that of the last chunk applied with every chunk before it. It is the only position the pump
 * may store and acknowledge (docs/design/log-capture.md, "The log pump: keys in memory").
 */
final class LogBacklog {

    private final LogCapture capture;
    private final List<LogQueue> queues = new ArrayList<>();
    private final Map<SyncTable, LogQueue> byTable = new HashMap<>();
    private final Deque<Chunk> chunks = new ArrayDeque<>();
    /** The applied position; never moves back once started ({@link #startAt}). */
    private String applied;
    private long handedOver;

    /** @param capacity keys each group's queue holds at most */
    LogBacklog(List<TableGroup> groups, int capacity, LogCapture capture) {
        this.capture = capture;
        for (TableGroup g : groups) {
            LogQueue queue = new LogQueue(g, capacity, this);
            queues.add(queue);
            for (SyncTable t : g.tables()) {
                byTable.put(t, queue);
            }
        }
    }

    /** Starts the applied position at {@code stored}, the position an earlier run stored on the target, or null. */
    synchronized void startAt(String stored) {
        applied = stored;
    }

    LogQueue queue(TableGroup group) {
        return byTable.get(group.getParent());
    }

    /** The queue of the group {@code table} belongs to; null for a table not synced. */
    LogQueue queueOf(SyncTable table) {
        return byTable.get(table);
    }

    /**
     * A chunk read from the log whose restart position is {@code position} (null: it did not move). It is not
     * applied before {@link #handedOver} was called for it, so a chunk cannot count as applied halfway through being
     * handed over.
     */
    synchronized Chunk begin(String position) {
        Chunk c = new Chunk(position);
        chunks.addLast(c);
        return c;
    }

    /** The pump handed {@code changes} keys of {@code chunk} over: to queues, or committed to the target's journals. */
    void handedOver(Chunk chunk, int changes) {
        synchronized (this) {
            handedOver += changes;
        }
        release(chunk, 1);
    }

    /** {@code keys} keys of {@code chunk} were consumed: their batch committed on the target. */
    synchronized void release(Chunk chunk, int keys) {
        if (chunk.remaining.addAndGet(-keys) == 0) {
            while (!chunks.isEmpty() && chunks.peekFirst().remaining.get() == 0) {
                String position = chunks.pollFirst().position;
                if (position != null && !capture.reached(applied, position)) {
                    applied = position;
                }
            }
        }
        notifyAll();
    }

    /**
     * Forgets the chunks not yet applied: the pump reads the log again from the stored position, which is not after
     * any of them, and hands their keys over again. Keys of theirs still queued are applied all the same.
     */
    synchronized void forget() {
        chunks.clear();
        notifyAll();
    }

    synchronized String applied() {
        return applied;
    }

    /** Changes handed over since the sync started. */
    synchronized long handedOver() {
        return handedOver;
    }

    /** Keys waiting in the queues, or in a batch not yet committed. */
    int queued() {
        int n = 0;
        for (LogQueue q : queues) {
            n += q.size();
        }
        return n;
    }

    /**
     * Waits at most {@code millis}, and not at all when more changes were handed over than {@code seen} or the
     * applied position reached {@code goal}; returns at any change of the backlog and at {@link #wake}.
     */
    synchronized void await(long seen, String goal, long millis) throws InterruptedException {
        if (handedOver == seen && !capture.reached(applied, goal) && millis > 0) {
            wait(millis);
        }
    }

    synchronized boolean reached(String goal) {
        return capture.reached(applied, goal);
    }

    synchronized void wake() {
        notifyAll();
    }

    /** A chunk of the log, applied once {@link #remaining} is 0: one for the hand-over, one per key queued. */
    static final class Chunk {
        final String position;
        final AtomicInteger remaining = new AtomicInteger(1);

        Chunk(String position) {
            this.position = position;
        }
    }
}
