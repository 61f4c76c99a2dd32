/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.capture.CaptureNames;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The target database goes away for a few seconds under live traffic and comes back: the running sync says
 * so as a passing failure, waits, says when it moves again, and in the end nothing is lost.
 */
class TargetOutageIT {

    private static final String PASSING = "a batch failed on a passing database error and is retried with backoff";
    private static final String AGAIN = "syncing again after";

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void syncWaitsOutATargetRestartAndLosesNothing(DatabaseKind kind) throws Exception {
        // The target on a server of this test's own: stopping a shared one would cut off other tests.
        try (DatabaseServer server = kind == DatabaseKind.POSTGRESQL ? EmbeddedPostgresServer.startNew()
                : EmbeddedMariaDbServer.startNew();
             TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = server.createDatabase();
             CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            int committed;
            int outage;
            try (Writers writers = Writers.start(src.dataSource(), 4)) {
                Poll.until("the sync applies changes", Duration.ofSeconds(20),
                        () -> IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN") > 0);
                // what the sync says from here on is about the outage
                outage = log.lines().size();
                server.stop();
                Thread.sleep(3000);
                server.start();
                Poll.until("the sync says it moves again", Duration.ofSeconds(20),
                        () -> log.indexOf(Level.INFO, AGAIN, outage) >= 0);
                // traffic after the outage reaches the target through the same, running sync
                Thread.sleep(1000);
                committed = writers.stop();
            }
            assertTrue(sync.stop(30_000), "the sync stops");
            assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(45));
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            SyncIT.assertAllTablesMatch(src, tgt);
            for (SyncTable t : SyncTable.values()) {
                assertEquals(0, IsTraffic.count(src.dataSource(), CaptureNames.of(t).getJournal()),
                        t + ": applied changes are purged");
            }

            int warned = log.indexOf(Level.WARN, PASSING, outage);
            assertTrue(warned >= 0, "a WARN says the failure is passing: " + log.lines());
            assertTrue(log.indexOf(Level.INFO, AGAIN, warned + 1) > warned,
                    "an INFO after the WARN says the sync moves again: " + log.lines());
            // a restart needs no person: nothing of it may be logged as an error
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.lines());
        }
    }
}
