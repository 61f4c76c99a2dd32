/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * Log capture keeps a group's keys in a bounded queue in memory. The interleaving that must not hurt: one group's
 * worker is stuck on the target (here its table is locked by another session) while IS goes on writing every table.
 * The stuck group's queue fills; its keys, those queued too, must go to the target's journal, nothing may be lost or
 * held in memory beyond the bound, the other groups must go on meanwhile, and so must the position stored on the
 * target (the source keeps its log from there). Once the lock is gone the stuck group catches up from
 * its queue and the journal, and the target ends identical to the source.
 */
class LogQueueSpillIT {

    private static String storedPosition(TestDatabase tgt) throws SQLException {
        try (Connection c = tgt.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT POSITION FROM SYN_LOG WHERE ID = 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aStuckGroupsKeysGoToTheJournalAndTheOtherGroupsGoOn() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"));
             TestDatabase src = LogCaptureIT.replicatingSource(server); TestDatabase tgt = server.createDatabase();
             CapturedLog log = CapturedLog.attach()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            // batchSize 5: the queue holds 80 keys; syncInterval 200 ms: the pump waits that long for room
            SyncConfiguration config = LogCaptureIT.logConfig("batchSize=5");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            int committed;
            try (Writers writers = Writers.start(src.dataSource(), 2)) {
                Poll.until("tokens reach the target", Duration.ofSeconds(30),
                        () -> IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN") > 0);
                try (Connection lock = tgt.dataSource().getConnection(); Statement s = lock.createStatement()) {
                    lock.setAutoCommit(false);
                    s.execute("LOCK TABLE IDN_OAUTH2_ACCESS_TOKEN IN EXCLUSIVE MODE");
                    long tokens = IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN");
                    long claims = IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA");
                    long codes = IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_AUTHORIZATION_CODE");
                    Poll.until("the token group's keys go to the target's journal", Duration.ofSeconds(60),
                            () -> IsTraffic.count(tgt.dataSource(), "SYN_J_TOKEN") > 0);
                    // the progress line counts both: what waits in the journal and what waits in memory
                    Poll.until("the token table's progress line tells the journal and the queue apart",
                            Duration.ofSeconds(30), () -> !log.find(Level.INFO, m -> m.matches(
                                    "IDN_OAUTH2_ACCESS_TOKEN: .*; backlog [1-9][0-9]* in the journal, [0-9]+ queued, "
                                            + "lag .*")).isEmpty());
                    Poll.until("the other groups go on", Duration.ofSeconds(60),
                            () -> IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA") > claims
                                    && IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_AUTHORIZATION_CODE") != codes);
                    // the stuck group's keys are all in the journal: the stored position moves on past them, and
                    // the source may free its log
                    String stuckAt = storedPosition(tgt);
                    Poll.until("the stored position moves on while the group is stuck", Duration.ofSeconds(30),
                            () -> !Objects.equals(stuckAt, storedPosition(tgt)));
                    assertEquals(tokens, IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN"),
                            "the token group is stuck on the lock");
                    lock.rollback();
                }
                committed = writers.stop();
            } finally {
                assertTrue(sync.stop(30_000), "the sync stops");
            }
            JobOutcome drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true)
                    .runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
            for (SyncTable t : SyncTable.values()) {
                assertEquals(0, IsTraffic.count(tgt.dataSource(), "SYN_J_" + LogCaptureIT.shortName(t)),
                        t + ": all applied");
            }
        }
    }
}
