/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.reliability.RowDiff;
import org.wso2.is.data.sync.support.BatchPhases;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.SyncProcess;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * kill -9 of the sync process under live traffic, {@code reliability.rounds} times over (3 in the default build),
 * each at a random moment inside a batch:
 * with a target transaction open, or with the target committed and the journal entries not yet deleted (the
 * first two rows of the crash table in docs/design/sync.md). After a drain every synced table matches and
 * the journals are empty: nothing lost, nothing doubled, nothing stale.
 */
@Tag("reliability")
class SyncKillIT {

    private static final Logger LOG = LogManager.getLogger(SyncKillIT.class);
    /** At least 2: odd and even kills aim at the two crash windows, and each must be hit. */
    private static final int KILLS = Math.max(2, Integer.getInteger("reliability.rounds", 3));
    /** Further kills allowed, aimed at whichever window no kill has hit yet. */
    private static final int EXTRA_KILLS = 6;
    /** Exit status of a process ended by SIGKILL: proof that it was alive, and killed, not ended on its own. */
    private static final int KILLED = 128 + 9;

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void noChangeIsLostOrDoubledWhenTheSyncProcessIsKilledMidBatch(DatabaseKind kind, @TempDir Path dir)
            throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // Kept after the run (target/), as the child's syn.log: what it did before each kill.
        Path log = Paths.get("target", "SyncKillIT-" + kind + ".log");
        Files.deleteIfExists(log);
        try (TestDatabase src = create(kind); TestDatabase tgt = create(kind);
             Connection srcHost = serveHere(src); Connection tgtHost = serveHere(tgt)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            int inTransaction = 0;
            int beforeAcknowledgement = 0;
            int kills = 0;
            int committed;
            try (Writers writers = Writers.start(src.dataSource(), 4)) {
                // Beyond KILLS, a few more while a window is still unhit: the acknowledgement window lasts a fraction
                // of a millisecond, and a kill aimed at it can land just after it.
                for (int kill = 1; kill <= KILLS || kill <= KILLS + EXTRA_KILLS
                        && (inTransaction == 0 || beforeAcknowledgement == 0); kill++) {
                    kills = kill;
                    Path file = dir.resolve("phases-" + kill);
                    BatchPhases phases = BatchPhases.map(file);
                    long before = targetRows(tgt);
                    // Small batches, short waits: the child is inside a batch most of the time.
                    Process child = SyncProcess.start(log, file, src, tgt, SyncIT.ALL_TABLES, "batchSize=20",
                            "syncInterval=100", "progressInterval=1000");
                    try {
                        Poll.until("the sync process applies changes", Duration.ofSeconds(30),
                                () -> alive(child, log) && targetRows(tgt) != before);
                        Thread.sleep(random.nextInt(300));
                        // odd kills inside a target transaction, even ones between target commit and acknowledgement
                        boolean aimAtTarget = kill <= KILLS ? kill % 2 == 1 : inTransaction == 0;
                        IntSupplier window = aimAtTarget ? phases::targetOpen : phases::acknowledgementPending;
                        killInside(window, child, Duration.ofSeconds(5));
                    } finally {
                        child.destroyForcibly();
                    }
                    assertEquals(KILLED, child.waitFor(), "the sync process was alive until killed:\n" + tail(log));
                    // the counts are as the process left them when it died
                    int open = phases.targetOpen();
                    int pending = phases.acknowledgementPending();
                    inTransaction += open > 0 ? 1 : 0;
                    beforeAcknowledgement += pending > 0 ? 1 : 0;
                    LOG.info("Kill {} of the sync process on {}: it died with {} target transactions open and {} "
                            + "target commits not yet acknowledged on the source", kill, kind, open, pending);
                }
                committed = writers.stop();
            }

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(45));
            // the counts first: a failed run then says how much went wrong, not only where it first did
            RowDiff diff = RowDiff.of(src.dataSource(), tgt.dataSource(), ProductVersion.V5_9_0);
            System.out.println("[reliability] kill -9 on " + kind + ": " + kills + " kills, " + inTransaction
                    + " inside a target transaction, " + beforeAcknowledgement + " before the acknowledgement; "
                    + diff);
            LOG.info("{}: {} kills, {} inside a target transaction, {} between target commit and acknowledgement, "
                    + "{} source transactions committed (seed {})", kind, kills, inTransaction, beforeAcknowledgement,
                    committed, seed);
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            // the kills landed where they were aimed, so both crash cases were really exercised
            assertTrue(inTransaction > 0, "no kill hit an open target transaction (seed " + seed + ")");
            assertTrue(beforeAcknowledgement > 0, "no kill hit a batch awaiting acknowledgement (seed " + seed + ")");
            diff.assertNone();
            SyncIT.assertAllTablesMatch(src, tgt);
            for (SyncTable t : SyncTable.values()) {
                assertEquals(0, IsTraffic.count(src.dataSource(), CaptureNames.of(t).getJournal()),
                        t + ": applied changes are purged");
            }
        }
    }

    /** H2 in files, so that the child JVM can reach it; the others on the shared servers. */
    private static TestDatabase create(DatabaseKind kind) {
        return kind == DatabaseKind.H2 ? TestDatabase.createH2File() : TestDatabase.create(kind);
    }

    /** For H2: opens the database in this JVM with AUTO_SERVER and keeps it open, so this JVM serves it. */
    private static Connection serveHere(TestDatabase db) throws SQLException {
        return db.kind() == DatabaseKind.H2
                ? DriverManager.getConnection(SyncProcess.url(db), db.username(), db.password()) : null;
    }

    /** Kills the child the moment {@code window} counts a batch in it; at the deadline, kills it anyway. */
    private static void killInside(IntSupplier window, Process child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (window.getAsInt() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        child.destroyForcibly();
    }

    private static long targetRows(TestDatabase tgt) throws SQLException {
        long rows = 0;
        for (SyncTable t : SyncTable.values()) {
            rows += IsTraffic.count(tgt.dataSource(), t.name());
        }
        return rows;
    }

    private static boolean alive(Process child, Path log) throws IOException {
        if (!child.isAlive()) {
            throw new AssertionError("the sync process ended with " + child.exitValue() + ":\n" + tail(log));
        }
        return true;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
