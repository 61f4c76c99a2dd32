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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a launcher in its own JVM: the job is stopped, the pools closed, and the exit code is 130. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() is not a signal on Windows")
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

    @Test
    void sigtermStopsTheJobAndExits130() throws Exception {
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

            p.destroy();
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "the launcher ends");
            assertEquals(130, p.exitValue(), f.log());
            String log = f.log();
            assertTrue(log.contains("Stop requested (Ctrl-C or SIGTERM): stopping job sync"), log);
            assertTrue(log.contains("Job sync stopped on request"), log);
            assertTrue(log.contains("pool data-sync-target closed"), log);
            assertTrue(log.contains("data-sync sync ends with exit code 130"), log);
        } finally {
            p.destroyForcibly();
        }
    }
}
