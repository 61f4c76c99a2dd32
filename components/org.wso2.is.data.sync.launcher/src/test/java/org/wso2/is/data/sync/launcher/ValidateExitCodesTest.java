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
    void freezeDriftHasItsOwnExitCodeAndNamesTheTablesAndATestAppIsExcluded() throws Exception {
        String umUser = "CREATE TABLE UM_USER (UM_ID INTEGER NOT NULL, UM_USER_NAME VARCHAR(255) NOT NULL, "
                + "UM_USER_PASSWORD VARCHAR(255) NOT NULL, UM_CHANGED_TIME TIMESTAMP NOT NULL, UM_TENANT_ID INTEGER "
                + "DEFAULT 0, PRIMARY KEY (UM_ID, UM_TENANT_ID), UNIQUE (UM_USER_NAME, UM_TENANT_ID))";
        exec(source, "pw-s", umUser);
        exec(target, "pw-t", umUser);
        run(0, "prepare");
        run(0, "validate");

        // The new IS's smoke-test app: an app the source lacks, so freeze drift unless excluded.
        exec(target, "pw-t", "INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, APP_NAME, USERNAME, TENANT_ID, "
                + "USER_DOMAIN) VALUES (90, 'smoke-key', 'smoke', 'admin', -1234, 'PRIMARY')");
        LauncherRun smoke = run(6, "validate");
        assertTrue(smoke.stderr.contains("Job validate failed: verdict FREEZE_DRIFT: tables the endpoint freeze "
                + "protects changed on the source since the dump: [IDN_OAUTH_CONSUMER_APPS]"), smoke::toString);
        run(0, "validate", "--exclude-app", "smoke-key");

        // A user, an OAuth app and an IdP that reached the old IS after the dump.
        exec(source, "pw-s", "INSERT INTO UM_USER VALUES (2, 'late-user', 'hash', TIMESTAMP '2026-01-02 00:00:00', "
                + "-1234)");
        exec(source, "pw-s", "INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, APP_NAME, USERNAME, TENANT_ID, "
                + "USER_DOMAIN) VALUES (91, 'late-key', 'late', 'admin', -1234, 'PRIMARY')");
        exec(source, "pw-s", "INSERT INTO IDP (TENANT_ID, NAME) VALUES (-1234, 'late-idp')");
        LauncherRun drift = run(6, "validate", "--exclude-app", "smoke-key");
        assertTrue(drift.stderr.contains("Job validate failed: verdict FREEZE_DRIFT: tables the endpoint freeze "
                + "protects changed on the source since the dump: [UM_USER, IDN_OAUTH_CONSUMER_APPS, IDP]"),
                drift::toString);
        assertTrue(drift.stdout.contains("freeze IDP (by content): "), drift::toString);
    }

    @Test
    void verdictsOfAStandInJobMapToTheirCodes() {
        assertEquals(6, LauncherRun.with(type -> context -> {
            throw new VerdictException(Verdict.FREEZE_DRIFT, "verdict FREEZE_DRIFT: [IDP]");
        }, f.args("validate")).exitCode);
        assertEquals(4, LauncherRun.with(type -> context -> {
            throw new VerdictException(Verdict.DIFFERENCES, "verdict DIFFERENCES: 3 differences");
        }, f.args("validate")).exitCode);
        assertEquals(5, LauncherRun.with(type -> context -> {
            throw new VerdictException(Verdict.PENDING, "verdict PENDING: 2 changes waiting");
        }, f.args("validate")).exitCode);
    }
}
