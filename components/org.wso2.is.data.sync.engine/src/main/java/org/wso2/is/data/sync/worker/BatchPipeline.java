/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.FencedException;

/**
 * Overlaps a group's source and target work: while batch n is written to the target, a reader thread deletes the
 * entries of batch n-1 (committed on the target) and reads batch n+1, leaving out the entries of batch n. So at
 * most two batches are held, and a batch costs the slower side's time, not both sides' (docs/design/sync.md,
 * "Reading overlaps writing"). Any failure drops the read-ahead: the retry starts from the oldest entry, in order.
 */
final class BatchPipeline {

    private static final Logger LOG = LogManager.getLogger(BatchPipeline.class);

    private final TableGroup group;
    private final BatchReader reader;
    private final BatchWriter writer;
    private final SyncProgress progress;
    private final StopSignal stop;
    /** The next batch, being read by the reader thread; null when none is. */
    private CompletableFuture<Batch> next;
    /** Entries of the last batch written: committed on the target, not yet deleted from the journal. */
    private Entries written = Entries.NONE;

    BatchPipeline(TableGroup group, BatchReader reader, BatchWriter writer, SyncProgress progress, StopSignal stop) {
        this.group = group;
        this.reader = reader;
        this.writer = writer;
        this.progress = progress;
        this.stop = stop;
    }

    /**
     * Writes one batch to the target and has {@code readerThread} delete the previous one's entries and read the
     * next; returns the number of journal entries written (0: nothing pending, and nothing left to delete).
     *
     * @throws BatchFailure any failure of the batch, classified; its entries stay in the journal
     * @throws FencedException when another sync has taken the target
     */
    int step(Executor readerThread) throws BatchFailure, JobStoppedException {
        stop.check();
        BatchFailure.Side side = BatchFailure.Side.SOURCE;
        try {
            Batch batch;
            if (next != null) {
                // Read while the last batch was being written: the last batch's entries are still in the journal.
                batch = await(next);
                next = null;
            } else {
                batch = reader.next(written, Entries.NONE);
                written = Entries.NONE;
            }
            if (batch.isEmpty() && !written.isEmpty()) {
                batch = reader.next(written, Entries.NONE);
                written = Entries.NONE;
            }
            if (batch.isEmpty()) {
                return 0;
            }
            Entries previous = written;
            Entries inFlight = batch.entries;
            written = Entries.NONE;
            next = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.next(previous, inFlight);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, readerThread);
            side = BatchFailure.Side.TARGET;
            writer.write(batch);
            written = batch.entries;
            progress.applied(group.getParent(), batch.entries.parents.size());
            if (group.getChild() != null) {
                progress.applied(group.getChild(), batch.entries.children.size());
            }
            return batch.entries.size();
        } catch (JobStoppedException | FencedException e) {
            discard();
            throw e;
        } catch (Throwable e) {
            // Anything, an Error too: the entries of the batch stay in the journal and are read again, and the read
            // ahead (which left them out) is dropped, so the retry starts afresh from the oldest entry, in order.
            discard();
            throw BatchFailure.of(e instanceof BatchReader.OnTarget ? BatchFailure.Side.TARGET : side, e);
        }
    }

    /** Waits for a read in progress and drops it, and forgets the entries to delete: all are read again. */
    void discard() {
        written = Entries.NONE;
        CompletableFuture<Batch> pending = next;
        next = null;
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("{}: the read of the next batch failed too; it is read again", group, e.getCause());
        }
    }

    private static Batch await(CompletableFuture<Batch> future) throws SQLException, JobStoppedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobStoppedException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("the batch reader failed", cause);
        }
    }
}
