/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.ConfigurationLoader;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;

/** What the shutdown hook does before it halts the JVM: stop the running job and wait for it. */
class StopOnSignalTest {

    @Test
    void stopsARunningJob() throws Exception {
        Properties p = new Properties();
        p.setProperty("sourceVersion", "5.8.0");
        p.setProperty("targetVersion", "5.9.0");
        p.setProperty("syncTables", "IDN_IDENTITY_USER_DATA");
        p.setProperty("identitySchema", "jdbc/source,jdbc/target");
        SyncConfiguration configuration = ConfigurationLoader.fromProperties(p, new Properties());
        CountDownLatch running = new CountDownLatch(1);
        JobRunner runner = new JobRunner(JobType.SYNC, configuration, name -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:stop-" + name.replace('/', '-'));
            return ds;
        }, JobOptions.defaults(), type -> context -> {
            running.countDown();
            while (true) {
                context.getStopSignal().sleep(60_000);
            }
        });

        runner.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        StopOnSignal signals = StopOnSignal.install(runner);
        try {
            assertNull(runner.await(100, TimeUnit.MILLISECONDS), "the job runs until stopped");
            assertTrue(signals.stopJob());
            assertEquals(JobOutcome.Status.STOPPED, runner.await(1, TimeUnit.SECONDS).getStatus());
            assertEquals(143, signals.stopExitCode(), "no signal came: a stop from outside, as SIGTERM");
        } finally {
            signals.close();
        }
    }
}
