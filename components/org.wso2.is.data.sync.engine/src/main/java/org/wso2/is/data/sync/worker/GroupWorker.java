/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.PairOwner;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

/**
 * Syncs one table group: runs its batches ({@link BatchPipeline}: {@link BatchReader} on the source,
 * {@link BatchWriter} on the target) under its retry policy ({@link BatchRetry}), reports failures
 * ({@link FailureReport}, naming refused keys through {@link FailureDiagnosis}), and sleeps {@code syncInterval}
 * only when a read finds nothing pending.
 */
final class GroupWorker {

    private static final Logger LOG = LogManager.getLogger(GroupWorker.class);
    private static final long READER_STOP_SECONDS = 30;

    private final SyncConfiguration config;
    private final StopSignal stop;
    private final BatchPipeline pipeline;
    private final FailureReport failures;
    /** Log capture's keys for this group; null with trigger capture. */
    private final LogQueue queue;

    GroupWorker(TableGroup group, SyncConfiguration config, DataSource source, Dialect sourceDialect,
                DataSource target, Dialect targetDialect, StopSignal stop, SyncProgress progress,
                String targetName, PairOwner owner) {
        this(group, config, source, sourceDialect, target, targetDialect, stop, progress, targetName, owner, source,
                sourceDialect, null);
    }

    /**
     * A worker whose journals are in {@code journals} (the target, in log capture), of {@code journalDialect}, and
     * that takes log capture's keys from {@code queue} (null with triggers).
     */
    GroupWorker(TableGroup group, SyncConfiguration config, DataSource source, Dialect sourceDialect,
                DataSource target, Dialect targetDialect, StopSignal stop, SyncProgress progress,
                String targetName, PairOwner owner, DataSource journals, Dialect journalDialect, LogQueue queue) {
        this.config = config;
        this.stop = stop;
        this.queue = queue;
        BatchReader reader = new BatchReader(group, config, source, sourceDialect, journals, journalDialect,
                queue);
        BatchWriter writer = new BatchWriter(group, target, targetDialect, owner, reader, config.getExcludedApps());
        this.pipeline = new BatchPipeline(group, reader, writer, progress, stop);
        this.failures = new FailureReport(group, targetName, targetDialect.getName(),
                new FailureDiagnosis(group, source, target, reader, writer));
    }

    /**
     * Runs batches until stopped, or, with {@code untilDrained}, until a read finds nothing pending.
     *
     * @throws JobStoppedException when stopped
     */
    void run(boolean untilDrained) throws JobStoppedException {
        RetryPolicy<Integer> retry = BatchRetry.policy(config, failures, stop);
        String name = Thread.currentThread().getName() + "-reader";
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        try {
            while (true) {
                stop.check();
                int applied;
                try {
                    applied = Failsafe.with(retry).get(() -> pipeline.step(reader));
                } catch (FailsafeException e) {
                    // Only a stop gets out of the retry policy: a JobStoppedException, or an interrupted backoff.
                    throw new JobStoppedException();
                }
                failures.succeeded();
                if (applied == 0) {
                    if (untilDrained) {
                        return;
                    }
                    idle();
                }
            }
        } finally {
            pipeline.discard();
            reader.shutdownNow();
            awaitReader(reader);
        }
    }

    /**
     * Waits a syncInterval before the next read; in log capture, only until the pump queues keys for this group, so
     * that a change reaches the target as soon as it is read from the log (the journals are still read each
     * syncInterval).
     */
    private void idle() throws JobStoppedException {
        if (queue == null) {
            stop.sleep(config.getSyncIntervalMillis());
            return;
        }
        try {
            queue.awaitKeys(config.getSyncIntervalMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.check();
    }

    /** One batch, with {@code reader} as the reader thread; see {@link BatchPipeline#step}. */
    int step(Executor reader) throws BatchFailure, JobStoppedException {
        return pipeline.step(reader);
    }

    private static void awaitReader(ExecutorService reader) {
        try {
            if (!reader.awaitTermination(READER_STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The batch reader did not stop within {} s", READER_STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
