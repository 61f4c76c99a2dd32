/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.job.Verdict;
import org.wso2.is.data.sync.job.VerdictException;
import org.wso2.is.data.sync.schema.IsSchemaScript;

/** Validate's verdicts as exit codes, and --repair and resync, with the real jobs on two H2 file databases. */
class ValidateExitCodesTest {

    @TempDir
    Path dir;
    private SyncFixture f;
    private String source;
    private String target;

    @BeforeEach
    void setUp() throws Exception {
        f = new SyncFixture(dir);
        source = f.h2("source", "sa", "pw-s");
        target = f.h2("target", "sa", "pw-t");
        schema(source, "pw-s", "5.8.0");
        schema(target, "pw-t", "5.9.0");
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml(SyncFixture.block("source", source, "sa", "pw-s") + SyncFixture.block("target", target, "sa",
                        "pw-t"));
    }

    private static void schema(String url, String password, String version) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", password)) {
            IsSchemaScript.create(c, version, "h2");
        }
    }

    private static void exec(String url, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private LauncherRun run(int expected, String... args) {
        LauncherRun run = LauncherRun.of(f.args(args[0], java.util.Arrays.copyOfRange(args, 1, args.length)));
        assertEquals(expected, run.exitCode, run::toString);
        return run;
    }

    @Test
    void eachVerdictHasItsExitCodeAndRepairAndResyncPutTheTargetRight() throws Exception {
        run(0, "prepare");
        run(0, "validate");

        // A change captured and not synced: the rows match, the target is not ready.
        exec(source, "pw-s", "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'alice', 'k', 'v')");
        exec(target, "pw-t", "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'alice', 'k', 'v')");
        LauncherRun pending = run(5, "validate");
        assertTrue(pending.stderr.contains("Job validate failed: verdict PENDING: "), pending::toString);
        run(0, "sync", "--until-drained");
        run(0, "validate");

        // A row the target should not have: differences, named.
        exec(target, "pw-t", "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (2, 'mallory', 'k', 'v')");
        LauncherRun differences = run(4, "validate");
        assertTrue(differences.stdout.contains("IDN_IDENTITY_USER_DATA: 1 rows on the source, 2 on the target; "
                + "0 missing, 1 extra, 0 different, 0 pending"), differences::toString);
        assertTrue(differences.stdout.contains("  extra: (2, mallory, k)"), differences::toString);
        assertTrue(differences.stderr.contains("Job validate failed: verdict DIFFERENCES: "), differences::toString);

        LauncherRun repair = run(4, "validate", "--repair");
        assertTrue(repair.stdout.contains("IDN_IDENTITY_USER_DATA: queued 1 differing keys for sync in "
                + "SYN_J_USER_DATA"), repair::toString);
        run(5, "validate");
        run(0, "sync", "--until-drained");
        LauncherRun identical = run(0, "validate");
        assertTrue(identical.stdout.contains("verdict IDENTICAL"), identical::toString);

        // The target lost the table's rows: resync queues every key.
        exec(target, "pw-t", "DELETE FROM IDN_IDENTITY_USER_DATA");
        run(4, "validate");
        LauncherRun resync = run(0, "resync", "--table", "IDN_IDENTITY_USER_DATA");
        assertTrue(resync.stdout.contains("IDN_IDENTITY_USER_DATA: queued all 1 keys for sync in SYN_J_USER_DATA"),
                resync::toString);
        run(0, "sync", "--until-drained");
        run(0, "validate");

        LauncherRun unknown = run(1, "resync", "--table", "IDN_OAUTH2_ACCESS_TOKEN");
        assertTrue(unknown.stderr.contains("resync --table IDN_OAUTH2_ACCESS_TOKEN: not a synced table; expected one "
                + "of syncTables: IDN_IDENTITY_USER_DATA"), unknown::toString);
        LauncherRun noTable = run(2, "resync");
        assertTrue(noTable.err.contains("Missing required option: '--table=TABLE'"), noTable::toString);
    }

    @Test
    void verdictsOfAStandInJobMapToTheirCodes() {
        assertEquals(4, LauncherRun.with(type -> context -> {
            throw new VerdictException(Verdict.DIFFERENCES, "verdict DIFFERENCES: 3 differences");
        }, f.args("validate")).exitCode);
        assertEquals(5, LauncherRun.with(type -> context -> {
            throw new VerdictException(Verdict.PENDING, "verdict PENDING: 2 changes waiting");
        }, f.args("validate")).exitCode);
    }
}
