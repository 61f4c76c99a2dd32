/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.demo.IsTraffic;

/**
 * The launcher run an operator sees: a token the target refuses (its REFRESH_TOKEN column shrunk) is reported in
 * syn.log and on stderr by column and SQLState, never by value; syn.log is 0600 in a 0700 directory; a planted
 * INIT=RUNSCRIPT URL and a datasource id with a line break are refused before anything is opened.
 */
class SecretsTest {

    private static final String PROPERTIES = "sourceVersion=5.9.0\ntargetVersion=5.9.0\n"
            + "syncTables=IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE\nidentitySchema=jdbc/source,jdbc/target\n";

    @TempDir
    Path dir;

    @Test
    void aRefusedTokenNeverReachesSynLogOrStderr() throws Exception {
        SyncFixture f = new SyncFixture(dir);
        String source = f.isDatabase("source", "sa", "Src-Secret-Pw1", "5.9.0");
        String target = f.isDatabase("target", "sa", "Tgt-Secret-Pw2", "5.9.0");
        f.properties(PROPERTIES).toml(SyncFixture.block("source", source, "sa", "Src-Secret-Pw1")
                + SyncFixture.block("target", target, "sa", "Tgt-Secret-Pw2"));
        LauncherRun prepare = LauncherRun.of(f.args("prepare"));
        assertEquals(0, prepare.exitCode, prepare::toString);
        String refreshToken = "rt-TOKEN-" + UUID.randomUUID();
        String accessToken = "at-TOKEN-" + UUID.randomUUID();
        try (Connection s = DriverManager.getConnection(source, "sa", "Src-Secret-Pw1");
             Connection t = DriverManager.getConnection(target, "sa", "Tgt-Secret-Pw2");
             Statement st = t.createStatement()) {
            st.execute("ALTER TABLE IDN_OAUTH2_ACCESS_TOKEN ALTER COLUMN REFRESH_TOKEN SET DATA TYPE VARCHAR(10)");
            st.execute("INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, APP_NAME, USERNAME, TENANT_ID, "
                    + "USER_DOMAIN) VALUES (1, 'ck1', 'app1', 'admin', -1234, 'PRIMARY')");
            try (Statement ss = s.createStatement()) {
                ss.execute("INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, APP_NAME, USERNAME, TENANT_ID, "
                        + "USER_DOMAIN) VALUES (1, 'ck1', 'app1', 'admin', -1234, 'PRIMARY')");
            }
            try (PreparedStatement ps = s.prepareStatement("INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, "
                    + "ACCESS_TOKEN, REFRESH_TOKEN, CONSUMER_KEY_ID, AUTHZ_USER, TENANT_ID, USER_DOMAIN, USER_TYPE, "
                    + "GRANT_TYPE, TIME_CREATED, REFRESH_TOKEN_TIME_CREATED, VALIDITY_PERIOD, "
                    + "REFRESH_TOKEN_VALIDITY_PERIOD, TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, SUBJECT_IDENTIFIER, "
                    + "ACCESS_TOKEN_HASH, REFRESH_TOKEN_HASH, IDP_ID) VALUES ('tok-1', ?, ?, 1, 'u', -1234, 'PRIMARY', "
                    + "'APPLICATION_USER', 'password', ?, ?, 3600000, 86400000, 'sh', 'ACTIVE', 'NONE', 'u', 'h1', "
                    + "'h2', 1)")) {
                Timestamp now = new Timestamp(System.currentTimeMillis() / 1000 * 1000);
                ps.setString(1, accessToken);
                ps.setString(2, refreshToken);
                ps.setTimestamp(3, now);
                ps.setTimestamp(4, now);
                ps.executeUpdate();
            }
        }

        AtomicReference<LauncherRun> result = new AtomicReference<>();
        Thread sync = new Thread(() -> result.set(LauncherRun.of(f.args("sync"))), "launcher-sync");
        sync.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!f.log().contains(" refuses key (TOKEN_ID=tok-1)")) {
            assertTrue(System.nanoTime() < deadline, "syn.log names the refused token: " + f.log());
            Thread.sleep(100);
        }
        sync.interrupt();
        sync.join(TimeUnit.SECONDS.toMillis(60));
        LauncherRun run = result.get();
        assertEquals(DataSyncLauncher.EXIT_SIGTERM, run.exitCode, run::toString);

        String log = f.log();
        assertTrue(log.contains("Value too long for column \"REFRESH_TOKEN CHARACTER VARYING(10)\""), log);
        assertTrue(run.stderr.contains(" refuses key (TOKEN_ID=tok-1)"), run::toString);
        for (String secret : new String[] {refreshToken, accessToken, "TOKEN-", "Src-Secret-Pw1", "Tgt-Secret-Pw2"}) {
            assertFalse(log.contains(secret), "syn.log holds " + secret);
            assertFalse(run.printed().contains(secret), "the console shows " + secret);
            assertFalse(prepare.printed().contains(secret), "prepare printed " + secret);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.logFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.logDir)));
    }

    @Test
    void aPlantedInitScriptAndAnIdWithALineBreakAreRefused() throws Exception {
        SyncFixture f = new SyncFixture(dir);
        Path script = Files.writeString(dir.resolve("evil.sql"), "CREATE TABLE PLANTED(ID INT);");
        f.properties(SyncFixture.VALID_PROPERTIES).toml(SyncFixture.block("source",
                "jdbc:h2:mem:s;INIT=RUNSCRIPT FROM '" + script + "'", "sa", null)
                + "[[datasource]]\nid = \"target\\nDROP TABLE X;\"\nurl = \"jdbc:h2:mem:t\"\n");
        LauncherRun run = LauncherRun.of(f.args("sync"));
        assertEquals(DataSyncLauncher.EXIT_USAGE, run.exitCode, run::toString);
        assertTrue(run.err.contains("[[datasource]] #1 (id=source): url option INIT is refused: such options make "
                + "the driver run SQL, load a class, read or write a local file, or print row values; remove it, or "
                + "set allowUnsafeJdbcOptions = true in this block if you have checked it"), run::toString);
        assertTrue(run.err.contains("[[datasource]] #2: id=target\\nDROP TABLE X;: may hold only letters, digits "
                + "and _ . - (up to 128 characters)"), run::toString);
        assertFalse(Files.exists(f.logFile()), "nothing was started");
    }
}
