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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.schema.IsSchemaScript;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * prepare, sync --until-drained and validate for real over the launcher's HikariCP pools, configured with the
 * pool options of the shipped conf/deployment.toml, defaultAutoCommit = false included: every job must commit
 * its own work, or the target would lose it when the pool rolls back the connection. On H2 files and on the test
 * kit's real PostgreSQL.
 */
class SamplePoolOptionsTest {

    private static final String SAMPLE_POOL_OPTIONS = "jmx_enable = false\n"
            + "pool_options.maxActive = \"20\"\n"
            + "pool_options.maxWait = \"60000\"\n"
            + "pool_options.minIdle = \"2\"\n"
            + "pool_options.testOnBorrow = true\n"
            + "pool_options.validationQuery = \"SELECT 1\"\n"
            + "pool_options.validationInterval = \"30000\"\n"
            + "pool_options.defaultAutoCommit = false\n";

    @TempDir
    Path dir;

    @Test
    void theWholeFlowCommitsOverPoolsWithoutAutoCommit() throws Exception {
        SyncFixture f = new SyncFixture(dir);
        Database source = new Database(f.isDatabase("source", "sa", "pw-s", "5.9.0"), "sa", "pw-s");
        Database target = new Database(f.isDatabase("target", "sa", "pw-t", "5.9.0"), "sa", "pw-t");
        prepareSyncValidate(f, source, target);
    }

    /** The same on a real server, where a transaction left open holds its locks and its rows until rolled back. */
    @Test
    void theWholeFlowCommitsOverPostgresPoolsWithoutAutoCommit() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            Database source = new Database(src.jdbcUrl(), src.username(), src.password());
            Database target = new Database(tgt.jdbcUrl(), tgt.username(), tgt.password());
            for (Database db : List.of(source, target)) {
                try (Connection c = db.connect()) {
                    IsSchemaScript.create(c, "5.9.0", "postgresql");
                }
            }
            prepareSyncValidate(new SyncFixture(dir), source, target);
        }
    }

    private static void prepareSyncValidate(SyncFixture f, Database source, Database target) throws Exception {
        f.properties("sourceVersion=5.9.0\ntargetVersion=5.9.0\nsyncTables=IDN_IDENTITY_USER_DATA\n"
                + "identitySchema=jdbc/source,jdbc/target\n")
                .toml(SyncFixture.block("source", source.url, source.user, source.password) + SAMPLE_POOL_OPTIONS
                        + SyncFixture.block("target", target.url, target.user, target.password) + SAMPLE_POOL_OPTIONS);

        run(f, 0, "prepare");
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 30; i++) {
                s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA VALUES (-1234, 'user" + i + "', 'k', 'v" + i + "')");
            }
            s.executeUpdate("UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'changed' WHERE USER_NAME = 'user3'");
            s.executeUpdate("DELETE FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'user7'");
        }
        run(f, 0, "sync", "--until-drained");
        LauncherRun validate = run(f, 0, "validate");
        assertTrue(validate.stdout.contains("verdict IDENTICAL"), validate::toString);

        List<String> expected = rows(source);
        assertEquals(29, expected.size());
        assertEquals(expected, rows(target));
    }

    private static LauncherRun run(SyncFixture f, int expected, String... args) {
        LauncherRun run = LauncherRun.of(f.args(args[0], java.util.Arrays.copyOfRange(args, 1, args.length)));
        assertEquals(expected, run.exitCode, run::toString);
        return run;
    }

    /** The rows as the test's own query reads them, in key order. */
    private static List<String> rows(Database db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE FROM "
                     + "IDN_IDENTITY_USER_DATA ORDER BY TENANT_ID, USER_NAME, DATA_KEY")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }

    /** A database as deployment.toml names it; the test's own connections are plain, auto-commit ones. */
    private static final class Database {
        final String url;
        final String user;
        final String password;

        Database(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        Connection connect() throws Exception {
            return DriverManager.getConnection(url, user, password);
        }
    }
}
