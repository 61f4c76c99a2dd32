/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decrypts the {@code $secret{alias}} values of a {@code deployment.toml} as IS's secure vault does: the alias names
 * an entry of the file's {@code [secrets]} table, which IS's cipher tool ({@code ciphertool.sh -Dconfigure}) has
 * replaced by the Base64 of the value encrypted with the public key of the primary keystore's key; the private key
 * of that entry decrypts it, with the transformation {@code secret-conf.properties} names
 * ({@code secretRepositories.file.algorithm}, written by the cipher tool when it was run with
 * {@code -Dorg.wso2.CipherTransformation}), or plain {@code RSA} (RSA/ECB/PKCS1Padding), both tools' default.
 *
 * <p>The keystore password is found as IS finds it, first line of {@code password-tmp} or {@code password-persist}
 * in the carbon home, or asked on the terminal, after the launcher's own {@code DATA_SYNC_KEYSTORE_PASSWORD}. The
 * files are only read: deleting {@code password-tmp} is IS's business at its own start. The private key's password
 * is the keystore's, as IS assumes by default. {@code [keystore.primary] password} is not used: the secure vault
 * does not read it either (it is often itself a secret). Nothing here is opened unless a value refers to a secret.
 */
final class SecureVault {

    static final String ENV_PASSWORD = "DATA_SYNC_KEYSTORE_PASSWORD";
    static final String TRANSFORMATION_PROPERTY = "org.wso2.CipherTransformation";
    static final String SECRET_CONF = "repository/conf/security/secret-conf.properties";
    static final String SECRET_CONF_ALGORITHM = "secretRepositories.file.algorithm";
    static final String DEFAULT_TRANSFORMATION = "RSA";
    static final String KEYSTORE_DIR = "repository/resources/security";
    static final String DEFAULT_KEYSTORE = "wso2carbon.jks";
    static final String DEFAULT_KEYSTORE_TYPE = "JKS";
    static final String DEFAULT_KEY_ALIAS = "wso2carbon";
    static final List<String> PASSWORD_FILES = Collections.unmodifiableList(List.of("password-tmp",
            "password-persist"));

    private static final String PREFIX = "$secret{";
    private static final String SECRETS = "secrets";
    private static final String CIPHER_TOOL = "run IS's cipher tool on this file (bin/ciphertool.sh -Dconfigure)";

    /** Where the keystore password comes from; a seam for the tests. */
    interface Environment {
        String getenv(String name);

        /** The terminal, or null when there is none (a service, a pipe). */
        Console console();

        String getProperty(String name);

        Environment SYSTEM = new Environment() {
            @Override
            public String getenv(String name) {
                return System.getenv(name);
            }

            @Override
            public Console console() {
                return System.console();
            }

            @Override
            public String getProperty(String name) {
                return System.getProperty(name);
            }
        };
    }

    /** A secret that cannot be decrypted; its message names the alias, never a value. */
    static class SecretException extends Exception {
        private static final long serialVersionUID = 1L;

        SecretException(String message) {
            super(message);
        }
    }

    /** Why the keystore could not be used: the same for every secret, so it is reported once. */
    static final class KeystoreException extends SecretException {
        private static final long serialVersionUID = 1L;

        KeystoreException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final JsonNode root;
    private final Path carbonHome;
    private final Environment environment;
    private PrivateKey key;
    private String transformation;
    private String keyDescription;
    /** Where the password and the transformation came from, for the messages. */
    private String passwordSource;
    private String transformationSource;
    private KeystoreException failure;

    SecureVault(Path file, JsonNode root, Path carbonHome, Environment environment) {
        this.file = file;
        this.root = root;
        this.carbonHome = carbonHome;
        this.environment = environment;
    }

    /** @return the alias of a {@code $secret{alias}} value, or null when the value is not a secret reference */
    static String alias(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return v.startsWith(PREFIX) && v.endsWith("}") ? v.substring(PREFIX.length(), v.length() - 1).trim() : null;
    }

    /** Whether {@code value} starts like a secret reference, complete or not. */
    static boolean looksLikeSecret(String value) {
        return value != null && value.trim().startsWith(PREFIX);
    }

    /**
     * Opens the keystore and finds the key and the transformation, once; a failure is remembered and given again.
     *
     * @throws KeystoreException naming the keystore, the alias or the transformation that is wrong
     */
    void open() throws KeystoreException {
        if (failure != null) {
            throw failure;
        }
        if (key != null) {
            return;
        }
        try {
            load();
        } catch (KeystoreException e) {
            failure = e;
            throw e;
        }
    }

    private void load() throws KeystoreException {
        JsonNode primary = root.path("keystore").path("primary");
        String fileName = text(primary, "file_name", DEFAULT_KEYSTORE);
        String type = text(primary, "type", DEFAULT_KEYSTORE_TYPE);
        String alias = text(primary, "alias", DEFAULT_KEY_ALIAS);
        Path keystore = keystorePath(fileName);
        if (!Files.isRegularFile(keystore)) {
            throw new KeystoreException("keystore " + keystore + " not found: set [keystore.primary] file_name, or "
                    + "--carbon-home to the IS pack whose keystore encrypted the secrets");
        }
        char[] password = password();
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(type);
        } catch (GeneralSecurityException e) {
            throw new KeystoreException("[keystore.primary] type=" + type + ": not a keystore type this Java runtime "
                    + "knows (JKS or PKCS12)");
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage())
                    .contains("password was incorrect")) {
                throw new KeystoreException("keystore " + keystore + ": wrong keystore password (" + passwordSource
                        + ")");
            }
            throw new KeystoreException("keystore " + keystore + " cannot be read as a " + type + " keystore: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KeystoreException("keystore " + keystore + " cannot be read: " + e.getMessage());
        }
        Key k;
        try {
            k = ks.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw new KeystoreException("keystore " + keystore + ": the private key '" + alias + "' has a password "
                    + "other than the keystore's; IS's secure vault needs both to be the same");
        } catch (GeneralSecurityException e) {
            throw new KeystoreException("keystore " + keystore + ": cannot read the key '" + alias + "': "
                    + e.getMessage());
        }
        Arrays.fill(password, '\0');
        if (!(k instanceof PrivateKey)) {
            throw new KeystoreException("keystore " + keystore + " has no private key with the alias '" + alias
                    + "' ([keystore.primary] alias; its aliases: " + aliases(ks) + ")");
        }
        transformation = transformation();
        try {
            Cipher.getInstance(transformation).init(Cipher.DECRYPT_MODE, k);
        } catch (GeneralSecurityException e) {
            throw new KeystoreException("cipher transformation '" + transformation + "' (" + transformationSource
                    + ") cannot decrypt with the key '" + alias + "': " + e.getMessage());
        }
        key = (PrivateKey) k;
        keyDescription = "the key '" + alias + "' of " + keystore + " with " + transformation;
    }

    /**
     * The clear value of {@code $secret{alias}}.
     *
     * @throws SecretException when the alias is not in {@code [secrets]}, is not encrypted yet, or does not decrypt
     */
    String decrypt(String alias) throws SecretException {
        JsonNode secrets = root.get(SECRETS);
        JsonNode entry = secrets == null ? null : secrets.get(alias);
        if (entry == null || entry.isContainerNode()) {
            throw new SecretException("$secret{" + alias + "}: " + file + " has no entry '" + alias + "' in its "
                    + "[secrets] table; add " + alias + " = \"[the password]\" there and " + CIPHER_TOOL);
        }
        String cipherText = entry.asText().trim();
        if (cipherText.startsWith("[") && cipherText.endsWith("]")) {
            throw new SecretException("$secret{" + alias + "}: its [secrets] entry is not encrypted yet; "
                    + CIPHER_TOOL);
        }
        open();
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(cipherText);
        } catch (IllegalArgumentException e) {
            throw new SecretException("$secret{" + alias + "}: its [secrets] entry is not Base64 cipher text as the "
                    + "cipher tool writes it; " + CIPHER_TOOL);
        }
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            cipher.init(Cipher.DECRYPT_MODE, key);
            return new String(cipher.doFinal(bytes), StandardCharsets.UTF_8);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new SecretException("$secret{" + alias + "}: its [secrets] entry cannot be decrypted with "
                    + keyDescription + ": it was encrypted with another key or transformation, or is damaged");
        } catch (GeneralSecurityException e) {
            throw new SecretException("$secret{" + alias + "}: cannot be decrypted with " + keyDescription + ": "
                    + e.getMessage());
        }
    }

    private Path keystorePath(String fileName) throws KeystoreException {
        Path p = Path.of(fileName);
        if (p.isAbsolute()) {
            return p;
        }
        if (carbonHome == null) {
            throw new KeystoreException("$secret{...} values are decrypted with the primary keystore of the IS pack "
                    + "(<carbon-home>/" + KEYSTORE_DIR + "/" + fileName + "): give --carbon-home, the IS pack's "
                    + "directory");
        }
        return carbonHome.resolve(KEYSTORE_DIR).resolve(p);
    }

    /** The keystore password, from the first place that has one; never logged, never in a message. */
    private char[] password() throws KeystoreException {
        String env = environment.getenv(ENV_PASSWORD);
        if (env != null && !env.isEmpty()) {
            passwordSource = "from the environment variable " + ENV_PASSWORD;
            return env.toCharArray();
        }
        List<String> tried = new ArrayList<>();
        tried.add("the environment variable " + ENV_PASSWORD);
        if (carbonHome != null) {
            for (String name : PASSWORD_FILES) {
                Path f = carbonHome.resolve(name);
                tried.add(f.toString());
                if (Files.isRegularFile(f)) {
                    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        String line = r.readLine();
                        if (line != null && !line.isEmpty()) {
                            passwordSource = "from " + f;
                            return line.toCharArray();
                        }
                    } catch (IOException e) {
                        throw new KeystoreException("cannot read the keystore password from " + f + ": " + e);
                    }
                }
            }
        }
        Console console = environment.console();
        if (console != null) {
            char[] typed = console.readPassword("[%s]", "Enter the keystore password of IS's primary keystore "
                    + "(decrypts the $secret{...} values of " + file.getFileName() + "): ");
            if (typed != null && typed.length > 0) {
                passwordSource = "as typed";
                return typed;
            }
        }
        tried.add("a terminal to ask on");
        throw new KeystoreException("the keystore password is needed to decrypt the $secret{...} values of " + file
                + ", and none was found; tried " + String.join(", ", tried));
    }

    private String transformation() throws KeystoreException {
        String property = environment.getProperty(TRANSFORMATION_PROPERTY);
        if (property != null && !property.trim().isEmpty()) {
            transformationSource = "-D" + TRANSFORMATION_PROPERTY;
            return property.trim();
        }
        if (carbonHome != null) {
            Path conf = carbonHome.resolve(SECRET_CONF);
            if (Files.isRegularFile(conf)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(conf)) {
                    p.load(in);
                } catch (IOException | IllegalArgumentException e) {
                    throw new KeystoreException("cannot read " + conf + ": " + e);
                }
                String algorithm = p.getProperty(SECRET_CONF_ALGORITHM);
                if (algorithm != null && !algorithm.trim().isEmpty()) {
                    transformationSource = SECRET_CONF_ALGORITHM + " in " + conf;
                    return algorithm.trim();
                }
            }
        }
        transformationSource = "the cipher tool's default";
        return DEFAULT_TRANSFORMATION;
    }

    private static String text(JsonNode table, String key, String fallback) {
        JsonNode v = table.get(key);
        return v == null || v.isContainerNode() || v.asText().trim().isEmpty() ? fallback : v.asText().trim();
    }

    private static String aliases(KeyStore ks) {
        try {
            return String.join(", ", Collections.list(ks.aliases()));
        } catch (GeneralSecurityException e) {
            return "unreadable";
        }
    }
}
