/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.safetext.LogText;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.BoundedDataSource;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceProvider;
import org.wso2.is.data.sync.datasource.DatabaseInfo;
import org.wso2.is.data.sync.dialect.DatabaseIdentity;
import org.wso2.is.data.sync.safetext.SqlMessages;

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
    /** The job's datasources, for a stop that must cut connections a silent database holds. */
    private final List<BoundedDataSource> bounded = new CopyOnWriteArrayList<>();
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
            requireTwoDatabases(sourceInfo, targetInfo);
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
        BoundedDataSource ds = BoundedDataSource.wrap(dataSources.get(name), name,
                configuration.getNetworkTimeoutMillis(),
                type == JobType.VALIDATE ? 0 : configuration.getQueryTimeoutMillis());
        bounded.add(ds);
        return ds;
    }

    /**
     * Source and target must be two databases, as the databases themselves tell (not their URLs, users or
     * datasource names): on one database, sync would take the source's live triggers and journals for copies
     * restored on the target and drop them, with the changes still pending in them. Checked before any job
     * touches either side; where the identity cannot be read, the job refuses too, since nothing proves it safe.
     */
    private void requireTwoDatabases(DatabaseInfo source, DatabaseInfo target) throws DataSourceLookupException {
        if (source.getDialect() == null || source.getDialect() != target.getDialect()) {
            // Two products are two databases; an unsupported one is refused by the job before it writes.
            return;
        }
        String names = "the source datasource '" + configuration.getSourceDataSource()
                + "' and the target datasource '" + configuration.getTargetDataSource() + "'";
        DatabaseIdentity s = source.getIdentity();
        DatabaseIdentity t = target.getIdentity();
        if (!s.isProven() || !t.isProven()) {
            throw new DataSourceLookupException("identitySchema: cannot prove that " + names + " are two databases: "
                    + (s.isProven() ? "on the target, " + t.getUnproven() : "on the source, " + s.getUnproven())
                    + "; nothing was changed");
        }
        if (s.sameAs(t)) {
            throw new DataSourceLookupException("identitySchema: " + names + " reach the same database (" + source
                    .getProductName() + ": " + s + "); the target must be the restored and migrated copy; nothing "
                    + "was changed");
        }
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
                // With its cause: a job fails once, and the stack trace is what a support case needs.
                LOG.error("Job {} failed: {}", type, o.getMessage(), o.getFailure());
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
        // Half the bound for the job to end its batch; then the connections a silent database holds are cut,
        // since a thread blocked in a socket read ignores interrupts until the network timeout.
        long grace = timeoutMillis / 2;
        t.join(grace);
        if (t.isAlive()) {
            int aborted = 0;
            for (BoundedDataSource ds : bounded) {
                aborted += ds.abortOpen();
            }
            if (aborted > 0) {
                LOG.warn("Job {} did not stop within {} ms: {} of its database connections were cut, so that it ends "
                        + "now; the databases roll back what they had not committed", type, grace, aborted);
            }
            t.join(timeoutMillis - grace);
        }
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
