/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.config.ConfigurationException;

/**
 * {@code $secret{alias}} values decrypted as IS's secure vault decrypts what its cipher tool wrote, with a keystore
 * made by keytool; and each way it goes wrong is one error that names what to fix and never a secret.
 */
class SecureVaultTest {

    private static final String OAEP = "RSA/ECB/OAEPwithSHA1andMGF1Padding";

    @TempDir
    Path dir;
    private Path home;
    private Path toml;
    private TestVault vault;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    private final SecureVault.Environment environment = new SecureVault.Environment() {
        @Override
        public String getenv(String name) {
            return env.get(name);
        }

        @Override
        public Console console() {
            return null;
        }

        @Override
        public String getProperty(String name) {
            return properties.get(name);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("wso2is-5.9.0");
        toml = home.resolve("repository/conf/deployment.toml");
        Files.createDirectories(toml.getParent());
        vault = TestVault.create(home);
    }

    private void write(String secrets) throws Exception {
        Files.write(toml, ("[keystore.primary]\nfile_name = \"wso2carbon.jks\"\npassword = \"$secret{keystore}\"\n"
                + "alias = \"wso2carbon\"\n\n"
                + "[[datasource]]\nid = \"source\"\nurl = \"jdbc:h2:mem:s\"\nusername = \"$secret{source_user}\"\n"
                + "password = \"$secret{source_pwd}\"\n\n"
                + "[[datasource]]\nid = \"target\"\nurl = \"jdbc:h2:mem:t\"\nusername = \"sa\"\n"
                + "password = \"$secret{target_pwd}\"\n\n"
                + "[secrets]\n" + secrets).getBytes(StandardCharsets.UTF_8));
    }

    private String secrets(String transformation) throws Exception {
        return "source_user = \"" + vault.encrypt(transformation, "sync_user") + "\"\n"
                + "source_pwd = \"" + vault.encrypt(transformation, "s3cr€t \"quoted\"") + "\"\n"
                + "target_pwd = \"" + vault.encrypt(transformation, "tgt-pw") + "\"\n";
    }

    private List<DataSourceDefinition> read() throws ConfigurationException {
        return DeploymentToml.read(toml, null, environment);
    }

    private List<String> problems() {
        return assertThrows(ConfigurationException.class, this::read).getProblems();
    }

    @Test
    void theCipherToolsDefaultRsaWithThePasswordFromPasswordPersist() throws Exception {
        write(secrets("RSA"));
        vault.passwordFile("password-persist", TestVault.STORE_PASSWORD);
        List<DataSourceDefinition> all = read();
        assertEquals("sync_user", all.get(0).getUsername());
        assertEquals("s3cr€t \"quoted\"", all.get(0).getPassword());
        assertEquals("tgt-pw", all.get(1).getPassword());
        assertTrue(Files.exists(home.resolve("password-persist")));
    }

    @Test
    void passwordTmpIsReadAndLeftForIsToDelete() throws Exception {
        write(secrets("RSA"));
        vault.passwordFile("password-tmp", TestVault.STORE_PASSWORD);
        assertEquals("tgt-pw", read().get(1).getPassword());
        assertTrue(Files.exists(home.resolve("password-tmp")), "IS deletes it at its own start, not the launcher");
    }

    @Test
    void theEnvironmentVariableComesFirst() throws Exception {
        write(secrets("RSA"));
        vault.passwordFile("password-persist", "not-this-one");
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        assertEquals("tgt-pw", read().get(1).getPassword());
    }

    @Test
    void oaepFromSecretConfPropertiesAsTheCipherToolWroteIt() throws Exception {
        write(secrets(OAEP));
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        Path conf = home.resolve(SecureVault.SECRET_CONF);
        Files.createDirectories(conf.getParent());
        Files.write(conf, List.of("secVault.enabled=true", "secretRepositories.file.algorithm=" + OAEP));
        assertEquals("s3cr€t \"quoted\"", read().get(0).getPassword());
    }

    @Test
    void oaepFromTheSystemPropertyOfTheCipherTool() throws Exception {
        write(secrets(OAEP));
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        properties.put(SecureVault.TRANSFORMATION_PROPERTY, OAEP);
        assertEquals("tgt-pw", read().get(1).getPassword());
    }

    @Test
    void aWrongKeystorePasswordIsOneErrorForTheFile() throws Exception {
        write(secrets("RSA"));
        env.put(SecureVault.ENV_PASSWORD, "wrong-password");
        List<String> problems = problems();
        assertEquals(List.of(toml + ": keystore " + vault.keystore + ": wrong keystore password (from the "
                + "environment variable DATA_SYNC_KEYSTORE_PASSWORD)"), problems);
        assertFalse(problems.toString().contains("wrong-password"));
    }

    @Test
    void anUnknownAliasNamesTheBlockTheKeyAndTheAlias() throws Exception {
        write(secrets("RSA").replace("target_pwd", "other_pwd"));
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        assertEquals(List.of(toml + ": [[datasource]] #2 (id=target): password=$secret{target_pwd}: " + toml
                + " has no entry 'target_pwd' in its [secrets] table; add target_pwd = \"[the password]\" there and "
                + "run IS's cipher tool on this file (bin/ciphertool.sh -Dconfigure)"), problems());
    }

    @Test
    void aCorruptCipherTextIsNamedAndNotShown() throws Exception {
        String good = vault.encrypt("RSA", "tgt-pw");
        String corrupt = good.substring(0, 20) + (good.charAt(20) == 'A' ? 'B' : 'A') + good.substring(21);
        write("source_user = \"" + vault.encrypt("RSA", "u") + "\"\nsource_pwd = \"" + vault.encrypt("RSA", "p")
                + "\"\ntarget_pwd = \"" + corrupt + "\"\n");
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        List<String> problems = problems();
        assertEquals(List.of(toml + ": [[datasource]] #2 (id=target): password=$secret{target_pwd}: its [secrets] "
                + "entry cannot be decrypted with the key 'wso2carbon' of " + vault.keystore + " with RSA: it was "
                + "encrypted with another key or transformation, or is damaged"), problems);
    }

    @Test
    void notBase64AndNotYetEncrypted() throws Exception {
        write("source_user = \"[sync_user]\"\nsource_pwd = \"%%%not base64%%%\"\ntarget_pwd = \""
                + vault.encrypt("RSA", "tgt-pw") + "\"\n");
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        assertEquals(List.of(
                toml + ": [[datasource]] #1 (id=source): username=$secret{source_user}: its [secrets] entry is not "
                        + "encrypted yet; run IS's cipher tool on this file (bin/ciphertool.sh -Dconfigure)",
                toml + ": [[datasource]] #1 (id=source): password=$secret{source_pwd}: its [secrets] entry is not "
                        + "Base64 cipher text as the cipher tool writes it; run IS's cipher tool on this file "
                        + "(bin/ciphertool.sh -Dconfigure)"), problems());
    }

    @Test
    void noPasswordAnywhereSaysWhereItLooked() throws Exception {
        write(secrets("RSA"));
        assertEquals(List.of(toml + ": the keystore password is needed to decrypt the $secret{...} values of " + toml
                + ", and none was found; tried the environment variable DATA_SYNC_KEYSTORE_PASSWORD, "
                + home.resolve("password-tmp") + ", " + home.resolve("password-persist") + ", a terminal to ask on"),
                problems());
    }

    @Test
    void aKeyAliasNotInTheKeystoreListsTheAliases() throws Exception {
        write(secrets("RSA"));
        Files.write(toml, new String(Files.readAllBytes(toml), StandardCharsets.UTF_8)
                .replace("alias = \"wso2carbon\"", "alias = \"mykey\"").getBytes(StandardCharsets.UTF_8));
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        assertEquals(List.of(toml + ": keystore " + vault.keystore + " has no private key with the alias 'mykey' "
                + "([keystore.primary] alias; its aliases: wso2carbon)"), problems());
    }

    @Test
    void aFileOutsideAnIsPackNeedsTheCarbonHome() throws Exception {
        write(secrets("RSA"));
        Path elsewhere = dir.resolve("deployment.toml");
        Files.copy(toml, elsewhere);
        env.put(SecureVault.ENV_PASSWORD, TestVault.STORE_PASSWORD);
        List<String> problems = assertThrows(ConfigurationException.class,
                () -> DeploymentToml.read(elsewhere, null, environment)).getProblems();
        assertEquals(List.of(elsewhere + ": $secret{...} values are decrypted with the primary keystore of the IS "
                + "pack (<carbon-home>/repository/resources/security/wso2carbon.jks): give --carbon-home, the IS "
                + "pack's directory"), problems);
        assertEquals("tgt-pw", DeploymentToml.read(elsewhere, home, environment).get(1).getPassword());
    }

    @Test
    void onlyWholeReferencesAreSecrets() {
        assertEquals("a", SecureVault.alias("$secret{a}"));
        assertEquals("source_pwd", SecureVault.alias(" $secret{source_pwd} "));
        assertNull(SecureVault.alias("pa$secret{a}"));
        assertNull(SecureVault.alias("$secret{a"));
        assertTrue(SecureVault.looksLikeSecret("$secret{a"));
    }

    @Test
    void aFileWithoutSecretsNeedsNoKeystore() throws Exception {
        Files.write(toml, "[[datasource]]\nid = \"s\"\nurl = \"jdbc:h2:mem:x\"\npassword = \"plain\"\n"
                .getBytes(StandardCharsets.UTF_8));
        Files.delete(vault.keystore);
        assertEquals("plain", read().get(0).getPassword());
    }
}
