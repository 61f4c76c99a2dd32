/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.config.LogText;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.BoundedDataSource;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceProvider;
import org.wso2.is.data.sync.datasource.DatabaseInfo;
import org.wso2.is.data.sync.worker.SqlMessages;

/**
 * Runs one job on a thread of its own, so that neither IS start-up nor the caller blocks on it, and stops it
 * within a bound: the stop signal is raised and the thread interrupted; the job finishes or rolls back the
 * transaction in flight and returns.
 */
public final class JobRunner {

    private static final Logger LOG = LogManager.getLogger(JobRunner.class);

    private final JobType type;
    private final SyncConfiguration configuration;
    private final DataSourceProvider dataSources;
    private final JobOptions options;
    private final JobCatalog catalog;
    private final StopSignal stopSignal = new StopSignal();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile JobOutcome outcome;
    private Thread thread;

    public JobRunner(JobType type, SyncConfiguration configuration, DataSourceProvider dataSources,
                     JobOptions options, JobCatalog catalog) {
        this.type = type;
        this.configuration = configuration;
        this.dataSources = dataSources;
        this.options = options;
        this.catalog = catalog;
    }

    /** Starts the job on a new thread named {@code data-sync-<job>}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("job " + type + " was already started");
        }
        thread = new Thread(this::runJob, "data-sync-" + type.label());
        thread.start();
    }

    /** Runs the job on the calling thread; returns when it ends. */
    public JobOutcome runHere() {
        runJob();
        return outcome;
    }

    private void runJob() {
        try {
            outcome = execute();
        } catch (RuntimeException | Error e) {
            // The log line says "Job <type> failed: "; the message is what failed.
            outcome = JobOutcome.failed("unexpected " + e, e);
        } finally {
            log(outcome);
            done.countDown();
        }
    }

    private JobOutcome execute() {
        LOG.info("Starting job {} with {}", type, configuration);
        for (String warning : configuration.getWarnings()) {
            LOG.warn(warning);
        }
        try {
            DataSource source = bounded(configuration.getSourceDataSource());
            DatabaseInfo sourceInfo = probe("source", configuration.getSourceDataSource(), source);
            DataSource target = bounded(configuration.getTargetDataSource());
            DatabaseInfo targetInfo = probe("target", configuration.getTargetDataSource(), target);
            if (sourceInfo.isSameDatabase(targetInfo)) {
                // Sync would take the source's live triggers and journals for copies restored on the target.
                throw new DataSourceLookupException("identitySchema: the source datasource '" + configuration.getSourceDataSource()
                        + "' and the target datasource '" + configuration.getTargetDataSource()
                        + "' reach the same database (" + sourceInfo.getUrl() + " as " + sourceInfo.getUser()
                        + "); the target must be the restored and migrated copy");
            }
            Job job = catalog.create(type);
            stopSignal.check();
            job.run(new JobContext(configuration, source, target, options, stopSignal));
            // A validation that returns found nothing: its other verdicts end it with a VerdictException.
            return JobOutcome.succeeded(type == JobType.VALIDATE ? Verdict.IDENTICAL : null);
        } catch (JobStoppedException e) {
            return JobOutcome.stopped();
        } catch (DataSourceLookupException | JobException e) {
            // An interrupted database call surfaces as a failure; after a stop request it is the stop.
            return stopSignal.isRequested() ? JobOutcome.stopped() : JobOutcome.failed(e.getMessage(), e);
        } catch (Exception e) {
            return stopSignal.isRequested() ? JobOutcome.stopped()
                    : JobOutcome.failed(e.getClass().getSimpleName() + ": " + (e instanceof SQLException
                            ? SqlMessages.describe((SQLException) e) : LogText.oneLine(e.getMessage())), e);
        }
    }

    /**
     * The named datasource with the configured timeouts on every connection. Validate's scans stream whole tables
     * through one statement each: they get no query timeout, only the network timeout of each round trip.
     */
    private DataSource bounded(String name) throws DataSourceLookupException {
        return BoundedDataSource.wrap(dataSources.get(name), name, configuration.getNetworkTimeoutMillis(),
                type == JobType.VALIDATE ? 0 : configuration.getQueryTimeoutMillis());
    }

    private static DatabaseInfo probe(String role, String name, DataSource ds) throws DataSourceLookupException {
        DatabaseInfo info = DatabaseInfo.probe(role, name, ds);
        LOG.info("The {} database '{}' is {}", role, name, info);
        return info;
    }

    private void log(JobOutcome o) {
        switch (o.getStatus()) {
            case SUCCEEDED:
                LOG.info("Job {} completed{}", type, o.getVerdict() == null ? "" : ": verdict " + o.getVerdict());
                break;
            case STOPPED:
                LOG.info("Job {} stopped on request", type);
                break;
            default:
                // The cause's stack trace only at debug: the message already names what failed and where.
                LOG.error("Job {} failed: {}", type, o.getMessage());
                LOG.debug("Cause of the failure of job {}", type, o.getFailure());
        }
    }

    /**
     * Asks the job to stop and waits for its thread.
     *
     * @return true when the job has ended within {@code timeoutMillis}
     */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        stopSignal.request();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return true;
        }
        t.interrupt();
        t.join(timeoutMillis);
        if (t.isAlive()) {
            LOG.error("Job {} did not stop within {} ms; its database work is left to the database to roll back "
                    + "when the connections close", type, timeoutMillis);
            return false;
        }
        return true;
    }

    /** Waits for the job to end; returns null if it did not end within the timeout. */
    public JobOutcome await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit) ? outcome : null;
    }

    public JobType getType() {
        return type;
    }
}
