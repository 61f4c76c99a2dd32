/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;

/**
 * An IS pack's primary keystore made with the JDK's keytool, and secrets encrypted as IS's cipher tool encrypts
 * them: the value's UTF-8 bytes, with the public key of the key entry's certificate, Base64 without line breaks.
 */
public final class TestVault {

    public static final String STORE_PASSWORD = "ks-pass-1";
    public static final String ALIAS = "wso2carbon";

    public final Path carbonHome;
    public final Path keystore;
    private final String type;

    private TestVault(Path carbonHome, Path keystore, String type) {
        this.carbonHome = carbonHome;
        this.keystore = keystore;
        this.type = type;
    }

    /** {@code <carbonHome>/repository/resources/security/wso2carbon.jks} with an RSA 2048 key {@code wso2carbon}. */
    public static TestVault create(Path carbonHome) throws IOException, InterruptedException {
        return create(carbonHome, SecureVault.DEFAULT_KEYSTORE, "JKS");
    }

    public static TestVault create(Path carbonHome, String fileName, String type)
            throws IOException, InterruptedException {
        Path dir = carbonHome.resolve(SecureVault.KEYSTORE_DIR);
        Files.createDirectories(dir);
        Path keystore = dir.resolve(fileName);
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "365",
                "-dname", "CN=localhost, O=test", "-storetype", type, "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return new TestVault(carbonHome, keystore, type);
    }

    /** What {@code ciphertool.sh} writes into [secrets] for {@code plain} ({@code "RSA"}: its default). */
    public String encrypt(String transformation, String plain) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.ENCRYPT_MODE, ks.getCertificate(ALIAS));
        return Base64.getEncoder().encodeToString(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** IS's {@code password-persist}: the keystore password on the first line. */
    public TestVault passwordFile(String name, String password) throws IOException {
        Files.write(carbonHome.resolve(name), List.of(password), StandardCharsets.UTF_8);
        return this;
    }
}
