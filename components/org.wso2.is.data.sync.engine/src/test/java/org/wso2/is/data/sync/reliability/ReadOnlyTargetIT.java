/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.wso2.is.data.sync.support.Journals;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.Drain;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * The target refuses every write for a while under live traffic, as a read-only (or full) database does: the
 * running sync says why in syn.log, applies nothing and skips nothing meanwhile, and once the target takes writes
 * again it goes on by itself, without a restart; nothing is lost or doubled.
 */
@Tag("reliability")
class ReadOnlyTargetIT {

    /** Both databases' own words: "read-only transaction" (PostgreSQL), "--read-only option" (MariaDB). */
    private static final String READ_ONLY = "read-only";
    private static final String AGAIN = "syncing again after";
    /** Changes the writers commit while the target refuses writes: work the sync would have applied. */
    private static final long HELD_CHANGES = 200;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void syncWaitsForAReadOnlyTargetAndResumesWithoutRestart(DatabaseKind kind) throws Exception {
        // The target on a server of this test's own: MariaDB's read_only is server-wide.
        try (DatabaseServer server = kind == DatabaseKind.POSTGRESQL ? EmbeddedPostgresServer.startNew()
                : EmbeddedMariaDbServer.startNew();
             TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = server.createDatabase();
             CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            try {
                refuseWritesWhileWritersWrite(kind, server, src, tgt, log, sync);
            } finally {
                // a failed round must not leave the sync retrying against dropped databases, into the next test's log
                sync.stop(30_000);
            }
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(45));
            Scenario.assertNothingLostDoubledOrDiffering("read-only target on " + kind, src, tgt);
        }
    }

    private static void refuseWritesWhileWritersWrite(DatabaseKind kind, DatabaseServer server, TestDatabase src,
                                                      TestDatabase tgt, CapturedLog log, JobRunner sync)
            throws Exception {
        int rounds = Scenario.rounds(1);
        int namedTheCause = 0;
        int committed;
        try (Writers writers = Writers.start(src.dataSource(), 4)) {
            Poll.until("the sync applies changes", Duration.ofSeconds(20), () -> Scenario.targetRows(tgt) > 0);
            for (int round = 1; round <= rounds; round++) {
                int from = log.lines().size();
                ServerSide.readOnly(server, tgt, true);
                try {
                    Poll.until("the sync logs the failed writes", Duration.ofSeconds(20),
                            () -> !failures(log, from).isEmpty());
                    long frozen = Scenario.targetRows(tgt);
                    long pending = Journals.pending(src.dataSource());
                    Poll.until("the writers commit " + HELD_CHANGES + " more changes", Duration.ofSeconds(20),
                            () -> Journals.pending(src.dataSource()) >= pending + HELD_CHANGES);
                    assertEquals(frozen, Scenario.targetRows(tgt), "the read-only target took no rows");
                } finally {
                    ServerSide.readOnly(server, tgt, false);
                }
                Poll.until("an INFO says the sync moves again", Duration.ofSeconds(20),
                        () -> log.indexOf(Level.INFO, AGAIN, from) >= 0);
                List<CapturedLog.Line> failures = failures(log, from);
                namedTheCause += failures.stream().anyMatch(l -> l.getMessage().contains(READ_ONLY)) ? 1 : 0;
                System.out.println("[reliability] read-only target on " + kind + ", round " + round + ", logged: "
                        + failures);
                // every group that failed moves again before the next round
                Poll.until("round " + round + ": every failing group syncs again", Duration.ofSeconds(20),
                        () -> log.recoveredSince(from));
            }
            // traffic after the last outage reaches the target through the same, running sync
            long after = Scenario.targetRows(tgt);
            Poll.until("traffic after the last outage reaches the target", Duration.ofSeconds(20),
                    () -> Scenario.targetRows(tgt) > after);
            committed = writers.stop();
        }
        assertTrue(sync.stop(30_000), "the sync stops");
        assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
        System.out.println("[reliability] read-only target on " + kind + ": " + rounds + " read-only periods of "
                + HELD_CHANGES + " changes each, " + namedTheCause + " of them named read-only in a WARN or ERROR, "
                + committed + " source transactions committed");
        assertTrue(committed > 100, "the workload committed " + committed + " transactions");
    }

    /**
     * The WARN and ERROR lines from {@code from} on. Whether they name the read-only cause is counted, not
     * asserted: a group whose session the PostgreSQL cut ended logs that passing failure, and FailureReport then
     * keeps the read-only refusals that follow to itself for a minute (see docs/reliability.md).
     */
    private static List<CapturedLog.Line> failures(CapturedLog log, int from) {
        List<CapturedLog.Line> lines = log.lines();
        List<CapturedLog.Line> failures = new ArrayList<>(lines.subList(Math.min(from, lines.size()), lines.size()));
        failures.removeIf(l -> l.getLevel() != Level.WARN && l.getLevel() != Level.ERROR);
        return failures;
    }
}
