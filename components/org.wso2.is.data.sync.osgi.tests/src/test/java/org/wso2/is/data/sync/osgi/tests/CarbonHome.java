/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh directory per test class laid out like an IS home as far as logging goes: {@code repository/conf} with
 * log4j2.properties and etc/pax-logging.properties, and {@code repository/logs} for syn.log. Built in the test JVM,
 * before the framework starts.
 */
final class CarbonHome {

    private final Path root;

    private CarbonHome(Path root) {
        this.root = root;
    }

    /** A home whose syn.log has the bundle's DEBUG lines too, so a test sees every line the bundle writes. */
    static CarbonHome create(String name) throws IOException {
        return create(name, "\n# the tests read every line the bundle writes\nlogger.syncClient.level = DEBUG\n");
    }

    /** A home with log4j2.properties exactly as the README has the operator change it. */
    static CarbonHome createAsShipped(String name) throws IOException {
        return create(name, "");
    }

    /**
     * log4j2.properties is IS's lines (test resource) then the shipped fragment, read from the distribution
     * sources, then {@code overrides}: a later key of a properties file replaces an earlier one.
     */
    private static CarbonHome create(String name, String overrides) throws IOException {
        Path root = Paths.get(System.getProperty("it.work", "target/it"), name).toAbsolutePath();
        deleteTree(root);
        Path conf = Files.createDirectories(root.resolve("repository/conf/etc"));
        Files.createDirectories(root.resolve("repository/logs"));
        Path log4j2 = conf.resolveSibling("log4j2.properties");
        try (InputStream in = CarbonHome.class.getResourceAsStream("/carbon/repository/conf/log4j2.properties")) {
            Files.copy(in, log4j2, StandardCopyOption.REPLACE_EXISTING);
        }
        Path fragment = Paths.get(System.getProperty("it.log4j2.fragment"));
        Files.write(log4j2, Files.readAllBytes(fragment), StandardOpenOption.APPEND);
        Files.write(log4j2, overrides.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        // As Carbon's own pax-logging.properties, but with the path written out: pax-logging does not expand it.
        Files.write(conf.resolve("pax-logging.properties"),
                ("org.ops4j.pax.logging.log4j2.config.file=" + log4j2 + "\n").getBytes(StandardCharsets.UTF_8));
        return new CarbonHome(root);
    }

    Path root() {
        return root;
    }

    /**
     * From now on, what this JVM writes to System.out also goes to {@link #consoleFile()}. Called before the
     * framework starts: log4j2's console appender takes System.out when it is configured, as in wso2server.sh.
     */
    void teeConsole() throws IOException {
        OutputStream file = Files.newOutputStream(consoleFile());
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                original.write(b);
                file.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                original.write(b, off, len);
                file.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
                file.flush();
            }
        }, true, "UTF-8"));
    }

    /** What {@link #teeConsole()} copies, as IS's console shows it. */
    Path consoleFile() {
        return root.resolve("repository/logs/console.out");
    }

    Path paxLoggingProperties() {
        return root.resolve("repository/conf/etc/pax-logging.properties");
    }

    /**
     * Writes a valid sync.properties into this home; {@code overrides} (key, value, key, value...) replace or add keys.
     * identitySchema mixes a JNDI name and a bare datasource name, as operators do.
     */
    Path syncProperties(String... overrides) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sourceVersion", "5.8.0");
        keys.put("targetVersion", "5.9.0");
        keys.put("syncTables", "IDN_IDENTITY_USER_DATA");
        keys.put("identitySchema", "jdbc/source,target");
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            keys.put(overrides[i], overrides[i + 1]);
        }
        List<String> lines = new ArrayList<>();
        keys.forEach((k, v) -> lines.add(k + "=" + v));
        return Files.write(root.resolve("sync.properties"), lines, StandardCharsets.UTF_8);
    }

    /**
     * sync.properties for the jobs on {@link IsRuntime#is590Schema()}: a user's data and the token tables. IS 5.9.0
     * on both sides, as the script is 5.9.0's and the prepare job checks each side's columns against its version.
     */
    Path is590SyncProperties() throws IOException {
        return syncProperties("sourceVersion", "5.9.0", "targetVersion", "5.9.0",
                "syncTables", "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE");
    }

    /** A rerun must not read the syn.log of the last run. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
