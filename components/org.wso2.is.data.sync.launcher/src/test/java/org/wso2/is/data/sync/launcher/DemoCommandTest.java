/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command: the demo runs the whole flow on embedded H2 and ends with a clean validation. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoEndsWithACleanValidation() throws Exception {
        LauncherRun run = LauncherRun.of("demo", "--transactions", "60", "--log-dir", dir.toString());
        assertEquals(0, run.exitCode, run::toString);
        String log = new String(Files.readAllBytes(dir.resolve("syn.log")), StandardCharsets.UTF_8);
        for (String step : new String[] {"Change capture is in place on the source database 'demo-source'",
            "simulated IS writers start", "changes applied", "Drained: no captured change is pending",
            "IDN_OAUTH2_ACCESS_TOKEN_SCOPE: ", "Validation of 4 tables: 0 differences"}) {
            assertTrue(log.contains(step), () -> "syn.log lacks '" + step + "':\n" + log);
        }
        assertTrue(run.stdout.contains("Validation of 4 tables: 0 differences"), run::toString);
    }

    @Test
    void transactionsMustBePositive() {
        LauncherRun run = LauncherRun.of("demo", "--transactions", "0", "--log-dir", dir.toString());
        assertEquals(2, run.exitCode, run::toString);
        assertTrue(run.err.contains("--transactions=0: expected a whole number of at least 1"), run::toString);
    }
}
