/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
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
import org.wso2.is.data.sync.schema.IsSchemaScript;

/**
 * The whole flow in a minute on two empty databases: an IS 5.8.0 source and an IS 5.9.0 target (as they are
 * after dump, restore and migration), prepare, IS-like traffic while sync runs, a drain, and the validation
 * that an operator runs before switching the load balancer.
 */
public final class Demo {

    public static final String SOURCE = "demo-source";
    public static final String TARGET = "demo-target";
    static final String SOURCE_VERSION = "5.8.0";
    static final String TARGET_VERSION = "5.9.0";

    private static final Logger LOG = LogManager.getLogger(Demo.class);
    private static final int WRITERS = 4;

    private final int transactionsPerWriter;

    /** @param transactionsPerWriter how much traffic each of the four simulated IS writers sends */
    public Demo(int transactionsPerWriter) {
        this.transactionsPerWriter = transactionsPerWriter;
    }

    /**
     * Runs the demo on two empty H2 databases.
     *
     * @return the outcome of the final validation
     */
    public JobOutcome run(DataSource source, DataSource target) throws Exception {
        LOG.info("Demo: creating the IS {} tables on the source and the IS {} tables on the target",
                SOURCE_VERSION, TARGET_VERSION);
        createSchema(source, SOURCE_VERSION);
        createSchema(target, TARGET_VERSION);
        IsTraffic.createApps(source);
        IsTraffic.createApps(target);
        SyncConfiguration config = configuration();
        DataSourceProvider provider = name -> {
            if (SOURCE.equals(name)) {
                return source;
            }
            if (TARGET.equals(name)) {
                return target;
            }
            throw DataSourceLookupException.notBound(name, java.util.Arrays.asList(SOURCE, TARGET));
        };
        require(job(JobType.PREPARE, config, provider, false).runHere());

        LOG.info("Demo: {} simulated IS writers start; sync runs alongside", WRITERS);
        JobRunner sync = job(JobType.SYNC, config, provider, false);
        sync.start();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> committed = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            IsTraffic traffic = new IsTraffic(source, config.getSourceVersion(), w, 1000 + w, 0.1);
            committed.add(writers.submit(() -> traffic.run(transactionsPerWriter)));
        }
        writers.shutdown();
        int transactions = 0;
        for (Future<Integer> f : committed) {
            transactions += f.get();
        }
        LOG.info("Demo: the writers committed {} transactions; stopping sync and draining what is left",
                transactions);
        sync.stop(TimeUnit.SECONDS.toMillis(30));
        require(job(JobType.SYNC, config, provider, true).runHere());
        LOG.info("Demo: validating the target against the source");
        return job(JobType.VALIDATE, config, provider, false).runHere();
    }

    private static void require(JobOutcome outcome) throws IllegalStateException {
        if (outcome.getStatus() != JobOutcome.Status.SUCCEEDED) {
            throw new IllegalStateException("the demo stopped: " + outcome.getMessage());
        }
    }

    private static JobRunner job(JobType type, SyncConfiguration config, DataSourceProvider provider,
                                 boolean untilDrained) {
        return new JobRunner(type, config, provider, new JobOptions(null, untilDrained), new EngineJobs());
    }

    static SyncConfiguration configuration() throws ConfigurationException {
        Properties p = new Properties();
        p.setProperty(ConfigurationLoader.SOURCE_VERSION, SOURCE_VERSION);
        p.setProperty(ConfigurationLoader.TARGET_VERSION, TARGET_VERSION);
        p.setProperty(ConfigurationLoader.SYNC_TABLES, "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_ACCESS_TOKEN,"
                + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE,IDN_OAUTH2_AUTHORIZATION_CODE");
        p.setProperty(ConfigurationLoader.IDENTITY_SCHEMA, SOURCE + "," + TARGET);
        p.setProperty(ConfigurationLoader.BATCH_SIZE, "500");
        p.setProperty(ConfigurationLoader.SYNC_INTERVAL, "500");
        p.setProperty(ConfigurationLoader.PROGRESS_INTERVAL, "2000");
        return ConfigurationLoader.fromProperties(p, new Properties());
    }

    private static void createSchema(DataSource db, String version) throws IOException, SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            IsSchemaScript.create(c, version, "h2");
        }
    }
}
