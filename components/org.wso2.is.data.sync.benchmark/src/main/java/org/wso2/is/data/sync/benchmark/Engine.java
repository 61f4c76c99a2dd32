/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.wso2.is.data.sync.config.ConfigurationException;
import org.wso2.is.data.sync.config.ConfigurationLoader;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceProvider;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;

/** The engine as an operator runs it: the four tables of the sample sync.properties, IS 5.9.0 on both sides. */
final class Engine {

    static final String SOURCE = "source";
    static final String TARGET = "target";

    private Engine() {
    }

    static final String TRIGGERS = "triggers";
    static final String LOG = "log";

    static SyncConfiguration config(int batchSize, long syncInterval) throws ConfigurationException {
        return config(batchSize, syncInterval, TRIGGERS);
    }

    /** The configuration in capture mode {@code captureMode} ({@code triggers} or {@code log}). */
    static SyncConfiguration config(int batchSize, long syncInterval, String captureMode)
            throws ConfigurationException {
        Properties p = new Properties();
        p.setProperty(ConfigurationLoader.CAPTURE_MODE, captureMode);
        p.setProperty(ConfigurationLoader.SOURCE_VERSION, "5.9.0");
        p.setProperty(ConfigurationLoader.TARGET_VERSION, "5.9.0");
        p.setProperty(ConfigurationLoader.SYNC_TABLES, "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_ACCESS_TOKEN,"
                + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE,IDN_OAUTH2_AUTHORIZATION_CODE");
        p.setProperty(ConfigurationLoader.IDENTITY_SCHEMA, SOURCE + "," + TARGET);
        p.setProperty(ConfigurationLoader.BATCH_SIZE, Integer.toString(batchSize));
        p.setProperty(ConfigurationLoader.SYNC_INTERVAL, Long.toString(syncInterval));
        return ConfigurationLoader.fromProperties(p, new Properties());
    }

    static DataSourceProvider provider(DataSource source, DataSource target) {
        return name -> {
            if (SOURCE.equals(name)) {
                return source;
            }
            if (TARGET.equals(name)) {
                return target;
            }
            throw DataSourceLookupException.notBound(name, List.of(SOURCE, TARGET));
        };
    }

    static JobRunner runner(JobType type, SyncConfiguration config, DataSource source, DataSource target,
                            boolean untilDrained) {
        return new JobRunner(type, config, provider(source, target), new JobOptions(null, untilDrained),
                new EngineJobs());
    }

    /** Installs the capture on {@code source}. */
    static void prepare(DataSource source, DataSource target) throws Exception {
        prepare(source, target, TRIGGERS);
    }

    /** Installs the capture of {@code captureMode} on {@code source}: triggers, or a slot (publication) to read. */
    static void prepare(DataSource source, DataSource target, String captureMode) throws Exception {
        require(runner(JobType.PREPARE, config(Options.BATCH_SIZE, Options.DEFAULT_SYNC_INTERVAL, captureMode),
                source, target, false).runHere(), "prepare (captureMode = " + captureMode + ")");
    }

    /**
     * Removes what prepare and sync left; in log mode the slot must go before its database can be dropped
     * (PostgreSQL refuses to drop a database a replication slot belongs to). Use {@link #cleaningUp}.
     */
    private static void clean(DataSource source, DataSource target, String captureMode) throws Exception {
        require(runner(JobType.CLEAN, config(Options.BATCH_SIZE, Options.DEFAULT_SYNC_INTERVAL, captureMode),
                source, target, false).runHere(), "clean (captureMode = " + captureMode + ")");
    }

    /** What runs between prepare and clean. */
    interface Body<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code body}, and in log mode cleans afterwards, failed or not: the slot must go before its database can
     * be dropped. A failed clean after a failed body is added to the body's failure, which stays the one thrown.
     */
    static <T> T cleaningUp(DataSource source, DataSource target, String captureMode, Body<T> body)
            throws Exception {
        if (!LOG.equals(captureMode)) {
            return body.run();
        }
        T result;
        try {
            result = body.run();
        } catch (Exception e) {
            try {
                clean(source, target, captureMode);
            } catch (Exception c) {
                e.addSuppressed(c);
            }
            throw e;
        }
        clean(source, target, captureMode);
        return result;
    }

    /** Runs sync until nothing captured is pending; returns the wall time in nanoseconds. */
    static long drain(DataSource source, DataSource target, int batchSize) throws Exception {
        return drain(source, target, batchSize, TRIGGERS);
    }

    /** Runs sync in {@code captureMode} until nothing captured is pending; returns the wall time in nanoseconds. */
    static long drain(DataSource source, DataSource target, int batchSize, String captureMode) throws Exception {
        JobRunner sync = runner(JobType.SYNC, config(batchSize, Options.DEFAULT_SYNC_INTERVAL, captureMode), source,
                target, true);
        long start = System.nanoTime();
        require(sync.runHere(), "sync --until-drained");
        return System.nanoTime() - start;
    }

    static void require(JobOutcome outcome, String what) {
        if (outcome.getStatus() != JobOutcome.Status.SUCCEEDED) {
            throw new IllegalStateException(what + " did not succeed: " + outcome.getMessage(), outcome.getFailure());
        }
    }
}
