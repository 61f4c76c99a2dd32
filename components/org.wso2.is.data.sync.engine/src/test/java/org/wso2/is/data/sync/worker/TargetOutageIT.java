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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.reliability.RowDiff;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The target database goes away for a few seconds under live traffic and comes back, {@code reliability.rounds}
 * times (once in the default build): each time the running sync says so as a passing failure, waits, says when
 * it moves again, and in the end nothing is lost.
 */
@Tag("reliability")
class TargetOutageIT {

    private static final String PASSING = "a batch failed on a passing database error and is retried with backoff";
    private static final String AGAIN = "syncing again after";
    private static final int OUTAGES = Integer.getInteger("reliability.rounds", 1);

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
            try {
                try (Writers writers = Writers.start(src.dataSource(), 4)) {
                    Poll.until("the sync applies changes", Duration.ofSeconds(20),
                            () -> IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN") > 0);
                    for (int round = 1; round <= OUTAGES; round++) {
                        // what the sync says from here on is about this outage
                        int outage = log.lines().size();
                        server.stop();
                        // down until the sync has met the outage, whatever batch it was in
                        Poll.until("outage " + round + ": the sync meets the stopped server", Duration.ofSeconds(20),
                                () -> log.indexOf(Level.WARN, PASSING, outage) >= 0);
                        server.start();
                        Poll.until("outage " + round + ": a WARN says the failure is passing, then an INFO that the "
                                + "sync moves again", Duration.ofSeconds(20), () -> {
                                    int warned = log.indexOf(Level.WARN, PASSING, outage);
                                    return warned >= 0 && log.indexOf(Level.INFO, AGAIN, warned + 1) > warned;
                                });
                        // every group that failed moves again: no failure streak of this outage runs into the next
                        Poll.until("outage " + round + ": every failing group syncs again", Duration.ofSeconds(20),
                                () -> log.recoveredSince(outage));
                    }
                    // traffic after the outage reaches the target through the same, running sync
                    long after = IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN");
                    Poll.until("traffic after the outages reaches the target", Duration.ofSeconds(20),
                            () -> IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN") > after);
                    committed = writers.stop();
                }
            } finally {
                // a failed test must not leave a sync retrying against databases that are dropped next
                assertTrue(sync.stop(30_000), "the sync stops");
            }
            assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(45));
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            RowDiff diff = RowDiff.of(src.dataSource(), tgt.dataSource(), ProductVersion.V5_9_0);
            System.out.println("[reliability] target outage on " + kind + ": " + OUTAGES + " outages, each until the sync met it; "
                    + diff);
            diff.assertNone();
            SyncIT.assertAllTablesMatch(src, tgt);
            for (SyncTable t : SyncTable.values()) {
                assertEquals(0, IsTraffic.count(src.dataSource(), CaptureNames.of(t).getJournal()),
                        t + ": applied changes are purged");
            }

            // a restart needs no person: nothing of it may be logged as an error
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.lines());
        }
    }
}
