/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT, sent with kill(1) to a launcher in its own JVM: the job is stopped, the pools closed, and the
 * exit code is the conventional 128 + signal number (143, 130), which a service manager reads as a clean stop.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "no POSIX signals on Windows")
class SignalStopTest {

    @TempDir
    Path dir;

    /** The launcher's main, with a job that runs until it is stopped. */
    public static final class UntilStopped {
        public static void main(String[] args) {
            System.exit(DataSyncLauncher.commandLine(type -> context -> {
                while (true) {
                    context.getStopSignal().sleep(60_000);
                }
            }).execute(args));
        }
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalStopsTheJobAndExitsWithItsConventionalCode(String signal, int expected) throws Exception {
        SyncFixture f = new SyncFixture(dir);
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml(SyncFixture.block("source", f.h2("source", "sa", "pw"), "sa", "pw")
                        + SyncFixture.block("target", f.h2("target", "sa", "pw"), "sa", "pw"));
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UntilStopped.class.getName()));
        command.addAll(List.of(f.args("sync")));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!f.log().contains("The target database") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(f.log().contains("The target database"), f.log());

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "the launcher ends");
            assertEquals(expected, p.exitValue(), f.log());
            String log = f.log();
            assertTrue(log.contains("Stop requested (SIG" + signal + "): stopping job sync; the transaction in "
                    + "flight is committed or rolled back (waiting up to 30 s); the process ends with exit code "
                    + expected), log);
            assertTrue(log.contains("Job sync stopped on request"), log);
            assertTrue(log.contains("pool data-sync-target closed"), log);
            assertTrue(log.contains("data-sync sync ends with exit code " + expected), log);
        } finally {
            p.destroyForcibly();
        }
    }
}
