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

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.capture.CaptureTargetCopies;
import org.wso2.is.data.sync.capture.LogJournals;
import org.wso2.is.data.sync.capture.LogMode;
import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.config.CaptureMode;
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
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.FencedException;
import org.wso2.is.data.sync.owner.PairOwner;

/**
 * The sync job: the target held for this process alone ({@link PairOwner}), one worker thread per table group, a progress line per table at each progress interval, and,
 * with {@code untilDrained}, an end once nothing captured is pending.
 */
public final class SyncJob implements Job {

    private static final Logger LOG = LogManager.getLogger(SyncJob.class);
    private static final long WORKER_STOP_MILLIS = 20_000;
    /** How soon a hold lost to another sync ends the job while the workers have nothing to write. */
    private static final long OWNER_CHECK_MILLIS = 500;

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
        } catch (SQLException e) {
            throw new JobException("sync cannot start: " + SqlFailures.describe(e), e);
        } catch (UnsupportedDatabaseException e) {
            throw new JobException("sync cannot start: " + e.getMessage(), e);
        }
        String where = "the target database '" + config.getTargetDataSource() + "' (" + targetDialect.getName() + ")";
        // Before anything is written: a sync that another one holds the target from writes nothing.
        try (PairOwner owner = PairOwner.acquire(context.getTarget(), targetDialect, where,
                context.getOptions().isTakeOver())) {
            try (Connection tgt = context.getTarget().getConnection()) {
                boolean log = config.getCaptureMode() == CaptureMode.LOG;
                CaptureTargetCopies.remove(tgt, targetDialect, where, log);
                if (log) {
                    LogJournals.ensure(tgt, targetDialect, config.getSyncTables(), where);
                }
            } catch (SQLException e) {
                throw new JobException("sync cannot start: " + SqlFailures.describe(e), e);
            }
            sync(context, owner, sourceDialect, targetDialect);
        }
    }

    private static void sync(JobContext context, PairOwner owner, Dialect sourceDialect, Dialect targetDialect)
            throws JobException, JobStoppedException {
        SyncConfiguration config = context.getConfiguration();
        List<TableGroup> groups = TableGroup.of(config.getSyncTables());
        boolean log = config.getCaptureMode() == CaptureMode.LOG;
        // Where the journals are: the source's, filled by triggers, or the target's, filled by the log pump.
        Journals journals = log ? new Journals(context.getTarget(), targetDialect, "target")
                : new Journals(context.getSource(), sourceDialect, "source");
        LogCapture capture = log ? LogMode.of(sourceDialect, "the source database '" + config.getSourceDataSource()
                + "' (" + sourceDialect.getName() + ")") : null;
        StopSignal pumpStop = log ? new StopSignal(context.getStopSignal()) : null;
        LogPump pump = log ? new LogPump(capture, config, context.getSource(), context.getTarget(), targetDialect,
                owner, pumpStop) : null;
        SyncProgress progress = new SyncProgress(config.getSyncTables(), journals.dataSource, journals.dialect,
                journals.side, pump == null ? null : pump.queued());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "data-sync-progress"));
        reporter.scheduleAtFixedRate(progress::reportEachInterval, config.getProgressIntervalMillis(),
                config.getProgressIntervalMillis(), TimeUnit.MILLISECONDS);
        CaptureWatch watch = new CaptureWatch(groups, context.getSource(), sourceDialect, "the source database '"
                + config.getSourceDataSource() + "' (" + sourceDialect.getName() + ")", context.getStopSignal());
        ExecutorService pumpThread = null;
        String drainGoal = null;
        if (log) {
            try (Connection src = context.getSource().getConnection()) {
                src.setAutoCommit(true);
                pump.start();
                // A drain is complete once everything the log held when it started is applied to the target.
                drainGoal = context.getOptions().isUntilDrained() ? capture.currentPosition(src) : null;
            } catch (SQLException e) {
                reporter.shutdownNow();
                throw new JobException("sync cannot start: " + SqlFailures.describe(e), e);
            }
            reporter.scheduleAtFixedRate(pump::report, config.getProgressIntervalMillis(),
                    config.getProgressIntervalMillis(), TimeUnit.MILLISECONDS);
            pumpThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "data-sync-log"));
            pumpThread.submit(pump);
        } else {
            // The triggers are checked in place; a log's slot is checked by the pump's report.
            reporter.scheduleAtFixedRate(watch::check, config.getProgressIntervalMillis(),
                    config.getProgressIntervalMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Syncing {} from {} to {}{}{}", groups, config.getSourceDataSource(), config.getTargetDataSource(),
                log ? " (log capture)" : "", context.getOptions().isUntilDrained() ? " until nothing is pending" : "");
        try {
            boolean drained = false;
            while (!drained) {
                long seen = pump == null ? 0 : pump.handedOver();
                runWorkers(context, owner, groups, sourceDialect, targetDialect, progress, watch, journals, pump);
                if (drainGoal != null && !logApplied(pump, drainGoal)) {
                    // The workers caught up with a pump still reading the log: go on once it handed over more.
                    awaitLog(pump, seen, drainGoal);
                    continue;
                }
                // Until drained: every group found its journal empty; a change may have come in meanwhile. In log
                // capture everything up to the goal is applied by now, or in the journals counted here.
                drained = pending(journals, watch.watchedTables()) == 0;
            }
            if (!watch.lostGroups().isEmpty()) {
                throw new JobException("the other tables are drained, but the change capture of " + watch.lostGroups()
                        + " was lost during the run (see the ERROR above): run prepare again, then resync --table "
                        + "for each of its tables, then sync again");
            }
            if (pump != null) {
                storeDrained(pump);
            }
            LOG.info("Drained: no captured change is pending");
        } finally {
            reporter.shutdownNow();
            if (pumpThread != null) {
                // The pump's own signal: the job's would turn a failure being thrown into a stop.
                pumpStop.request();
                pumpThread.shutdownNow();
                awaitWorkers(pumpThread);
            }
            progress.report();
        }
    }

    /** Whether the log pump's changes up to {@code goal} are applied; its end for good is the job's failure. */
    private static boolean logApplied(LogPump pump, String goal) throws JobException {
        try {
            return pump.hasApplied(goal);
        } catch (SQLException e) {
            throw logFailure(pump, e);
        }
    }

    /** Waits until the log pump handed over more than {@code seen} changes or applied {@code goal}, bounded. */
    private static void awaitLog(LogPump pump, long seen, String goal) throws JobException, JobStoppedException {
        try {
            pump.awaitMore(seen, goal);
        } catch (SQLException e) {
            throw logFailure(pump, e);
        }
    }

    /** Stores the position the drain applied, where the next sync reads the log from; a take-over fails the job. */
    private static void storeDrained(LogPump pump) throws JobException {
        try {
            pump.storeApplied();
        } catch (FencedException e) {
            throw new JobException(e.getMessage(), e);
        } catch (SQLException e) {
            // Every change is on the target; only the next sync's starting point is older, and it re-applies.
            LOG.warn("The drain is complete, but storing its log position on the target failed: {}; the next sync "
                    + "reads the log again from the position stored before", SqlFailures.describe(e));
        }
    }

    private static JobException logFailure(LogPump pump, SQLException e) {
        if (pump.isFenced()) {
            return new JobException(e.getMessage(), e);
        }
        return new JobException("log capture stopped: " + e.getMessage(), e);
    }

    /** A synced table's journals: on the source with triggers, on the target with log capture. */
    private static final class Journals {
        final DataSource dataSource;
        final Dialect dialect;
        /** {@code source} or {@code target}, for messages. */
        final String side;

        Journals(DataSource dataSource, Dialect dialect, String side) {
            this.dataSource = dataSource;
            this.dialect = dialect;
            this.side = side;
        }
    }

    private static void runWorkers(JobContext context, PairOwner owner, List<TableGroup> groups,
                                   Dialect sourceDialect, Dialect targetDialect, SyncProgress progress,
                                   CaptureWatch watch, Journals journals, LogPump pump)
            throws JobException, JobStoppedException {
        SyncConfiguration config = context.getConfiguration();
        ExecutorService pool = Executors.newFixedThreadPool(groups.size(),
                r -> new Thread(r, "data-sync-worker-" + r.hashCode()));
        List<Future<?>> futures = new ArrayList<>();
        for (TableGroup g : groups) {
            GroupWorker worker = new GroupWorker(g, config, context.getSource(), sourceDialect, context.getTarget(),
                    targetDialect, watch.stopSignal(g), progress, config.getTargetDataSource(), owner,
                    journals.dataSource, journals.dialect, pump == null ? null : pump.queue(g));
            futures.add(pool.submit(() -> {
                Thread.currentThread().setName("data-sync-" + g);
                try {
                    worker.run(context.getOptions().isUntilDrained());
                } catch (JobStoppedException e) {
                    // A group whose capture was lost stops alone; the others go on.
                    if (!watch.isLost(g) || context.getStopSignal().isRequested()) {
                        throw e;
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(OWNER_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (owner.isFenced()) {
                    // Found by the renewal: idle workers would not notice. Not the job's stop signal: this is a failure.
                    pool.shutdownNow();
                    awaitWorkers(pool);
                    throw new JobException(owner.fencedMessage());
                }
                if (pump != null && pump.failure() != null) {
                    // The log is gone or another sync took over: a failure, not a stop (the job ends FAILED).
                    pool.shutdownNow();
                    awaitWorkers(pool);
                    throw logFailure(pump, pump.failure());
                }
                for (Future<?> f : futures) {
                    if (f.isDone()) {
                        f.get();
                    }
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            context.getStopSignal().request();
            pool.shutdownNow();
            awaitWorkers(pool);
            throw new JobStoppedException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FencedException) {
                // A failure, not a stop: the job's stop signal stays down, so the job ends FAILED.
                pool.shutdownNow();
                awaitWorkers(pool);
                throw new JobException(e.getCause().getMessage(), e.getCause());
            }
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

    private static long pending(Journals journals, List<SyncTable> tables) throws JobException {
        try (Connection c = journals.dataSource.getConnection(); Statement s = c.createStatement()) {
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
            throw new JobException("cannot count pending changes in the journals: " + SqlFailures.describe(e), e);
        }
    }
}
