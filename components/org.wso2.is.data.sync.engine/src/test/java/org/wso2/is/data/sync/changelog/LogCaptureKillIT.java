/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.reliability.RowDiff;
import org.wso2.is.data.sync.support.BatchPhases;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.MariaDbLogin;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.SyncProcess;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * Log capture on PostgreSQL, on MariaDB, and from MariaDB to PostgreSQL, under the randomized IS workload (four
 * concurrent writers, long transactions that commit out of order, rollbacks, token refreshes): a sync process
 * killed with kill -9 while a target transaction is open (a log chunk being stored, or a batch being written),
 * another killed at a random moment, then a sync in this JVM that meets a target outage; the drain leaves the target identical to the source and the target's journals empty.
 */
@Tag("reliability")
class LogCaptureKillIT {

    /** Exit status of a process ended by SIGKILL. */
    private static final int KILLED = 128 + 9;
    private static final String PUMP_FAILED = "Log capture: reading the change log of 'src' or storing it on the "
            + "target failed";

    /** Source and target servers: the source started with what log capture needs. */
    enum Pair {
        POSTGRESQL, MARIADB, MARIADB_TO_POSTGRESQL;

        DatabaseServer source() {
            return this == POSTGRESQL ? EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"))
                    : EmbeddedMariaDbServer.startNew(EmbeddedMariaDbServer.binaryLogOptions("ROW", "FULL"));
        }

        DatabaseServer target() {
            return this == MARIADB ? EmbeddedMariaDbServer.startNew() : EmbeddedPostgresServer.startNew();
        }
    }

    @ParameterizedTest
    @EnumSource(Pair.class)
    void nothingIsLostAcrossAKillAndATargetOutage(Pair pair, @TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path childLog = Paths.get("target", "LogCaptureKillIT-" + pair + ".log");
        Files.deleteIfExists(childLog);
        try (DatabaseServer sourceServer = pair.source(); DatabaseServer targetServer = pair.target();
             TestDatabase src = pair == Pair.POSTGRESQL ? LogCaptureIT.replicatingSource(
                     (EmbeddedPostgresServer) sourceServer) : MySqlLogCaptureIT.replicatingSource(sourceServer);
             TestDatabase tgt = targetServer.createDatabase();
             CapturedLog log = CapturedLog.attach()) {
            // the binary log is read with the datasource's login, which the driver's own datasource does not tell
            DataSource source = pair == Pair.POSTGRESQL ? src.dataSource() : MariaDbLogin.of(src);
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(source);
            IsTraffic.createApps(tgt.dataSource());
            SyncConfiguration config = LogCaptureIT.logConfig();
            Jobs.run(JobType.PREPARE, config, source, tgt.dataSource(), null);
            int committed;
            try (Writers writers = Writers.start(source, 4)) {
                // 1. kill -9 of a sync process, twice: once while it has a target transaction open (a log chunk being
                // stored, or a batch being written), once at a random moment (between a store and the slot's
                // confirmation, among others)
                int openAtKill = 0;
                for (int kill = 1; kill <= 2; kill++) {
                    Path file = dir.resolve("phases-" + kill);
                    BatchPhases phases = BatchPhases.map(file);
                    long before = IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN");
                    Process child = SyncProcess.start(childLog, file, src, tgt, SyncIT.ALL_TABLES, "captureMode=log",
                            "batchSize=20", "syncInterval=100", "progressInterval=1000");
                    try {
                        Poll.until("the sync process applies changes", Duration.ofSeconds(30),
                                () -> alive(child, childLog) && IsTraffic.count(tgt.dataSource(),
                                        "IDN_OAUTH2_ACCESS_TOKEN") > before);
                        Thread.sleep(random.nextInt(500));
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                        while (kill == 1 && phases.targetOpen() == 0 && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                    } finally {
                        child.destroyForcibly();
                    }
                    assertEquals(KILLED, child.waitFor(), "the sync process was alive until killed:\n"
                            + tail(childLog));
                    openAtKill += phases.targetOpen();
                }

                // 2. a sync here resumes from the stored position and meets a target outage
                JobRunner sync = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), false);
                sync.start();
                try {
                    long before = IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN");
                    Poll.until("the resumed sync applies changes", Duration.ofSeconds(30),
                            () -> IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN") > before);
                    int outage = log.lines().size();
                    targetServer.stop();
                    Poll.until("the log pump meets the stopped target", Duration.ofSeconds(30),
                            () -> log.indexOf(Level.WARN, PUMP_FAILED, outage) >= 0);
                    targetServer.start();
                    long after = IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN");
                    Poll.until("traffic after the outage reaches the target", Duration.ofSeconds(30),
                            () -> IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN") > after);
                    committed = writers.stop();
                } finally {
                    assertTrue(sync.stop(30_000), "the sync stops");
                }
                assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
                System.out.println("[reliability] log capture, " + pair + ": two kills with " + openAtKill
                        + " target transactions open in all (seed " + seed + ")");
            }

            JobRunner drain = SyncIT.runner(JobType.SYNC, config, source, tgt.dataSource(), true);
            drain.start();
            JobOutcome drained = drain.await(60, TimeUnit.SECONDS);
            if (drained == null) {
                drain.stop(30_000);
            }
            assertEquals(JobOutcome.Status.SUCCEEDED, drained == null ? null : drained.getStatus(),
                    drained == null ? "the drain did not end within 60 s" : drained.getMessage());
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            RowDiff diff = RowDiff.of(source, tgt.dataSource(), ProductVersion.V5_9_0);
            System.out.println("[reliability] log capture kill -9 and target outage: " + diff);
            diff.assertNone();
            for (SyncTable t : SyncTable.values()) {
                TableComparison.assertSame(source, tgt.dataSource(), t, ProductVersion.V5_9_0);
                assertEquals(0, IsTraffic.count(tgt.dataSource(), "SYN_J_" + LogCaptureIT.shortName(t)),
                        t + ": applied changes are purged from the target's journal");
            }
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.lines());
        }
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
