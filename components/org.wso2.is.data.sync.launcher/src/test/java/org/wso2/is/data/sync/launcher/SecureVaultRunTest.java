/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.launcher.internal.TestVault;

/**
 * An IS pack's deployment.toml whose database passwords are {@code $secret{source_pwd}} and
 * {@code $secret{target_pwd}}, encrypted as the cipher tool does with a keystore made by keytool: prepare, sync and
 * validate run with the real jobs on two H2 databases with those passwords; each bad secret is one error, exit 2,
 * and nothing touched.
 */
class SecureVaultRunTest {

    private static final String SOURCE_PW = "src-Pw-1";
    private static final String TARGET_PW = "tgt-Pw-2";

    @TempDir
    Path dir;
    private SyncFixture f;
    private Path home;
    private TestVault vault;
    private String source;
    private String target;

    @BeforeEach
    void setUp() throws Exception {
        f = new SyncFixture(dir);
        home = dir.resolve("wso2is-5.9.0");
        vault = TestVault.create(home);
        source = f.isDatabase("source", "sa", SOURCE_PW, "5.8.0");
        target = f.isDatabase("target", "sa", TARGET_PW, "5.9.0");
        f.properties(SyncFixture.VALID_PROPERTIES);
    }

    private void toml(String sourcePwdCipherText) throws Exception {
        f.toml("[keystore.primary]\nfile_name = \"wso2carbon.jks\"\npassword = \"$secret{keystore_password}\"\n"
                + "alias = \"wso2carbon\"\ntype = \"JKS\"\n\n"
                + SyncFixture.block("source", source, "sa", "$secret{source_pwd}")
                + SyncFixture.block("target", target, "sa", "$secret{target_pwd}")
                + "\n[secrets]\n"
                + "source_pwd = \"" + sourcePwdCipherText + "\"\n"
                + "target_pwd = \"" + vault.encrypt("RSA", TARGET_PW) + "\"\n");
    }

    private LauncherRun run(int expected, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--carbon-home";
        all[args.length + 1] = home.toString();
        LauncherRun run = LauncherRun.of(f.args(all[0], java.util.Arrays.copyOfRange(all, 1, all.length)));
        assertEquals(expected, run.exitCode, run::toString);
        return run;
    }

    private boolean journalExists() throws Exception {
        try (Connection c = DriverManager.getConnection(source, "sa", SOURCE_PW); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA "
                     + "= 'PUBLIC' AND TABLE_NAME LIKE 'SYN!_%' ESCAPE '!'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Test
    void prepareSyncAndValidateWithEncryptedPasswords() throws Exception {
        toml(vault.encrypt("RSA", SOURCE_PW));
        vault.passwordFile("password-persist", TestVault.STORE_PASSWORD);
        run(0, "prepare");
        assertTrue(journalExists(), "prepare ran on the source");
        try (Connection c = DriverManager.getConnection(source, "sa", SOURCE_PW); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA VALUES (-1234, 'alice', 'k', 'v')");
        }
        run(0, "sync", "--until-drained");
        LauncherRun validate = run(0, "validate");
        assertTrue(validate.stdout.contains("verdict IDENTICAL"), validate::toString);
        String printed = validate.printed() + f.log();
        for (String secret : new String[] {SOURCE_PW, TARGET_PW, TestVault.STORE_PASSWORD}) {
            assertFalse(printed.contains(secret), "a secret in the output or the log");
        }
    }

    @Test
    void aWrongKeystorePasswordIsOneErrorAndTouchesNothing() throws Exception {
        toml(vault.encrypt("RSA", SOURCE_PW));
        vault.passwordFile("password-persist", "not-the-password");
        LauncherRun run = run(2, "prepare");
        assertEquals("Invalid sync configuration: " + f.datasources + ": keystore " + vault.keystore + ": wrong keystore password (from "
                + home.resolve("password-persist") + ")", run.err.trim(), run::toString);
        assertFalse(run.printed().contains("not-the-password"));
        assertFalse(journalExists(), "nothing created");
        assertFalse(Files.exists(f.logDir), "not even the log");
    }

    @Test
    void anUnknownAliasIsOneErrorAndTouchesNothing() throws Exception {
        toml(vault.encrypt("RSA", SOURCE_PW));
        Files.write(f.datasources, new String(Files.readAllBytes(f.datasources), StandardCharsets.UTF_8)
                .replace("$secret{source_pwd}", "$secret{src_pwd}").getBytes(StandardCharsets.UTF_8));
        vault.passwordFile("password-persist", TestVault.STORE_PASSWORD);
        LauncherRun run = run(2, "prepare");
        assertEquals("Invalid sync configuration: " + f.datasources + ": [[datasource]] #1 (id=source): password=$secret{src_pwd}: " + f.datasources
                + " has no entry 'src_pwd' in its [secrets] table; add src_pwd = \"[the password]\" there and run "
                + "IS's cipher tool on this file (bin/ciphertool.sh -Dconfigure)", run.err.trim(), run::toString);
        assertFalse(journalExists(), "nothing created");
    }

    @Test
    void aCorruptCipherTextIsOneErrorAndTouchesNothing() throws Exception {
        String good = vault.encrypt("RSA", SOURCE_PW);
        toml(good.substring(0, 10) + (good.charAt(10) == 'x' ? 'y' : 'x') + good.substring(11));
        vault.passwordFile("password-persist", TestVault.STORE_PASSWORD);
        LauncherRun run = run(2, "sync");
        assertEquals("Invalid sync configuration: " + f.datasources + ": [[datasource]] #1 (id=source): password=$secret{source_pwd}: its [secrets] "
                + "entry cannot be decrypted with the key 'wso2carbon' of " + vault.keystore + " with RSA: it was "
                + "encrypted with another key or transformation, or is damaged", run.err.trim(), run::toString);
        assertFalse(journalExists(), "nothing created");
    }
}
