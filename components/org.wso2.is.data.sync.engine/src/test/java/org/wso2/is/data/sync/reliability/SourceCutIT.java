/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedDatabases;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.Drain;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * The source database cuts the sync's sessions, server-side, again and again while IS-like writers go on (as a
 * DBA's kill, a failover or a firewall's idle cut would): each cut costs at most a batch, which the sync retries
 * as a passing failure; nothing is lost or doubled.
 */
@Tag("reliability")
class SourceCutIT {

    private static final String PASSING = "a batch failed on a passing database error and is retried with backoff";
    private static final String AGAIN = "syncing again after";
    /**
     * pgjdbc asserts that a batch's getAutoCommit() does not throw, and it does on a connection the server has
     * cut. Surefire runs with -ea and the tool does not: there the driver throws the batch's own SQLException
     * (08006), a passing failure. Under -ea the worker sees the AssertionError, which it logs as an ERROR.
     */
    private static final String DRIVER_ASSERTION = "AssertionError: pgStatement.getConnection().getAutoCommit() "
            + "should not throw";

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void cutSourceSessionsCostARetryAndNothingElse(DatabaseKind kind) throws Exception {
        // Only the sync's own login is cut: the shared server, the writers and other tests stay.
        DatabaseServer server = EmbeddedDatabases.server(kind);
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             ServerSide.SecondLogin syncLogin = ServerSide.secondLogin(server, src);
             CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, syncLogin.dataSource(), tgt.dataSource(), false);
            sync.start();
            try {
                cutWhileWritersWrite(kind, server, syncLogin, src, tgt, log, sync);
            } finally {
                // a failed round must not leave the sync retrying against dropped databases, into the next test's log
                sync.stop(30_000);
            }
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(45));
            Scenario.assertNothingLostDoubledOrDiffering("source cut on " + kind, src, tgt);
        }
    }

    /**
     * The writers log in as the database's owner, which prepare made the DEFINER of the capture triggers; the
     * sync as a login of its own. Cutting the owner's sessions would not do on MariaDB: while a session runs a
     * trigger, PROCESSLIST shows it as the trigger's definer, so a writer caught inside one would be cut too.
     */
    private static void cutWhileWritersWrite(DatabaseKind kind, DatabaseServer server,
                                             ServerSide.SecondLogin syncLogin, TestDatabase src, TestDatabase tgt,
                                             CapturedLog log, JobRunner sync) throws Exception {
        int rounds = Scenario.rounds(3);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int sessions = 0;
        int committed;
        try (Writers writers = Writers.start(src.dataSource(), 4)) {
            Poll.until("the sync applies changes", Duration.ofSeconds(20), () -> Scenario.targetRows(tgt) > 0);
            for (int round = 1; round <= rounds; round++) {
                // at a random point of the sync's work; a batch holds its sessions only while it runs
                Thread.sleep(random.nextInt(500));
                int[] cut = new int[1];
                Poll.until("the sync has source sessions to cut", Duration.ofSeconds(10),
                        () -> (cut[0] = ServerSide.cutSessions(server, syncLogin.user())) > 0);
                sessions += cut[0];
                long before = Scenario.targetRows(tgt);
                Poll.until("the sync applies changes after cut " + round, Duration.ofSeconds(20),
                        () -> Scenario.targetRows(tgt) != before);
            }
            committed = writers.stop();
        }
        int warned = log.find(Level.WARN, m -> m.contains(PASSING)).size();
        int driverAssertions = log.find(Level.ERROR, m -> m.contains(DRIVER_ASSERTION)).size();
        int lastFailure = Math.max(lastIndexOf(log, Level.WARN, PASSING), lastIndexOf(log, Level.ERROR,
                DRIVER_ASSERTION));
        if (lastFailure >= 0) {
            Poll.until("an INFO says the sync moves again after the last failure", Duration.ofSeconds(20),
                    () -> log.indexOf(Level.INFO, AGAIN, lastFailure + 1) > lastFailure);
        }
        assertTrue(sync.stop(30_000), "the sync stops");
        assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
        System.out.println("[reliability] source cut on " + kind + ": " + rounds + " cuts, " + sessions
                + " sessions ended, " + warned + " failure streaks logged as passing (and " + driverAssertions
                + " as the driver's -ea assertion), " + committed + " source transactions committed (seed " + seed
                + ")");
        assertTrue(committed > 100, "the workload committed " + committed + " transactions");
        assertTrue(warned + driverAssertions > 0, "no cut hit a batch in " + rounds + " cuts (seed " + seed + "): "
                + log.lines());
        // a cut connection needs no person: nothing of it may be an error
        assertEquals(0, log.find(Level.ERROR, m -> !m.contains(DRIVER_ASSERTION)).size(), "errors: " + log.lines());
    }

    private static int lastIndexOf(CapturedLog log, Level level, String text) {
        int last = -1;
        for (int i = log.indexOf(level, text, 0); i >= 0; i = log.indexOf(level, text, i + 1)) {
            last = i;
        }
        return last;
    }
}
