/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.capture.CaptureNames;
import org.wso2.is.data.sync.capture.CaptureTargetCopies;
import org.wso2.is.data.sync.capture.SyncPreflight;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.dialect.UnsupportedDatabaseException;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobStoppedException;

/**
 * The sync job: one worker thread per table group, a progress line per table at each progress interval, and,
 * with {@code untilDrained}, an end once nothing captured is pending.
 */
public final class SyncJob implements Job {

    private static final Logger LOG = LogManager.getLogger(SyncJob.class);
    private static final long WORKER_STOP_MILLIS = 20_000;

    @Override
    public void run(JobContext context) throws JobException, JobStoppedException {
        SyncConfiguration config = context.getConfiguration();
        Dialect sourceDialect;
        Dialect targetDialect;
        try (Connection src = context.getSource().getConnection(); Connection tgt = context.getTarget().getConnection()) {
            // Auto-commit: nothing of the checks may stay open on a pooled connection.
            src.setAutoCommit(true);
            tgt.setAutoCommit(true);
            sourceDialect = Dialects.forConnection(src);
            targetDialect = Dialects.forConnection(tgt);
            new SyncPreflight(config).check(src, sourceDialect, tgt, targetDialect);
            CaptureTargetCopies.remove(tgt, targetDialect, "the target database '" + config.getTargetDataSource()
                    + "' (" + targetDialect.getName() + ")");
        } catch (SQLException e) {
            throw new JobException("sync cannot start: " + SqlFailures.describe(e), e);
        } catch (UnsupportedDatabaseException e) {
            throw new JobException("sync cannot start: " + e.getMessage(), e);
        }

        List<TableGroup> groups = TableGroup.of(config.getSyncTables());
        SyncProgress progress = new SyncProgress(config.getSyncTables(), context.getSource(), sourceDialect);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "data-sync-progress"));
        reporter.scheduleAtFixedRate(progress::reportEachInterval, config.getProgressIntervalMillis(),
                config.getProgressIntervalMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Syncing {} from {} to {}{}", groups, config.getSourceDataSource(), config.getTargetDataSource(),
                context.getOptions().isUntilDrained() ? " until nothing is pending" : "");
        try {
            boolean drained = false;
            while (!drained) {
                runWorkers(context, groups, sourceDialect, targetDialect, progress);
                // Until drained: every group found its journal empty; a change may have come in meanwhile.
                drained = pending(context, sourceDialect, config.getSyncTables()) == 0;
            }
            LOG.info("Drained: no captured change is pending");
        } finally {
            reporter.shutdownNow();
            progress.report();
        }
    }

    private static void runWorkers(JobContext context, List<TableGroup> groups, Dialect sourceDialect,
                                   Dialect targetDialect, SyncProgress progress)
            throws JobException, JobStoppedException {
        SyncConfiguration config = context.getConfiguration();
        ExecutorService pool = Executors.newFixedThreadPool(groups.size(),
                r -> new Thread(r, "data-sync-worker-" + r.hashCode()));
        List<Future<?>> futures = new ArrayList<>();
        for (TableGroup g : groups) {
            GroupWorker worker = new GroupWorker(g, config, context.getSource(), sourceDialect, context.getTarget(),
                    targetDialect, context.getStopSignal(), progress, config.getTargetDataSource());
            futures.add(pool.submit(() -> {
                Thread.currentThread().setName("data-sync-" + g);
                worker.run(context.getOptions().isUntilDrained());
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            context.getStopSignal().request();
            pool.shutdownNow();
            awaitWorkers(pool);
            throw new JobStoppedException();
        } catch (ExecutionException e) {
            context.getStopSignal().request();
            pool.shutdownNow();
            awaitWorkers(pool);
            if (e.getCause() instanceof JobStoppedException) {
                throw (JobStoppedException) e.getCause();
            }
            throw new JobException("a sync worker ended unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private static void awaitWorkers(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(WORKER_STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.error("Sync workers did not stop within {} ms", WORKER_STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long pending(JobContext context, Dialect dialect, List<SyncTable> tables) throws JobException {
        try (Connection c = context.getSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            long pending = 0;
            for (SyncTable t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + CaptureNames.of(t).getJournal())) {
                    rs.next();
                    pending += rs.getLong(1);
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new JobException("cannot count pending changes on the source: " + SqlFailures.describe(e), e);
        }
    }
}
