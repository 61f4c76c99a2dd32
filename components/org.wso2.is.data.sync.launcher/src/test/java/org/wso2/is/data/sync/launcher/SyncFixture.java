/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.wso2.is.data.sync.schema.IsSchemaScript;

/** The files of one launcher run in a temporary directory: sync.properties, deployment.toml, the log dir. */
final class SyncFixture {

    static final String VALID_PROPERTIES = "sourceVersion=5.8.0\n"
            + "targetVersion=5.9.0\n"
            + "syncTables=IDN_IDENTITY_USER_DATA\n"
            + "identitySchema=jdbc/source,jdbc/target\n";

    final Path dir;
    final Path config;
    final Path datasources;
    final Path logDir;

    SyncFixture(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("sync.properties");
        this.datasources = dir.resolve("deployment.toml");
        this.logDir = dir.resolve("logs");
    }

    SyncFixture properties(String text) throws IOException {
        Files.write(config, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    SyncFixture toml(String text) throws IOException {
        Files.write(datasources, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A {@code [[datasource]]} block; null username or password leaves the key out. */
    static String block(String id, String url, String username, String password) {
        return "[[datasource]]\n"
                + "id = \"" + id + "\"\n"
                + "url = \"" + url + "\"\n"
                + (username == null ? "" : "username = \"" + username + "\"\n")
                + (password == null ? "" : "password = \"" + password + "\"\n");
    }

    /** Creates an H2 file database whose admin is {@code user} with {@code password}; returns its URL. */
    String h2(String name, String user, String password) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
        DriverManager.getConnection(url, user, password).close();
        return url;
    }

    /** {@link #h2} holding the synced tables of IS {@code version}, as a restored IS database does. */
    String isDatabase(String name, String user, String password, String version) throws Exception {
        String url = h2(name, user, password);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            IsSchemaScript.create(c, version, "h2");
        }
        return url;
    }

    /** Sessions open on an H2 database, counting the one this method opens. */
    static int sessions(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    Path logFile() {
        return logDir.resolve("syn.log");
    }

    String log() throws IOException {
        return Files.exists(logFile()) ? new String(Files.readAllBytes(logFile()), StandardCharsets.UTF_8) : "";
    }

    String[] args(String job, String... more) {
        String[] base = {job, "--config", config.toString(), "--datasources", datasources.toString(),
            "--log-dir", logDir.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
