/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A fresh, empty database that belongs to one test. On PostgreSQL and MariaDB it lives on the JVM-wide embedded
 * server and is reached through its own login, which is not a superuser and may use only this database; on H2 it is
 * a private in-memory (or on-disk) database. The {@link #dataSource()} is a plain, non-pooled one that logs in as
 * {@link #username()}; the {@link #jdbcUrl()} carries no credentials.
 *
 * <p>{@link #close()} drops the database and its login, ending the login's open sessions first.
 */
public final class TestDatabase implements AutoCloseable {

    /** How a kind of database removes one of its test databases. */
    @FunctionalInterface
    interface Dropper {
        void drop() throws Exception;
    }

    private final DatabaseKind kind;
    private final String name;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final DataSource dataSource;
    private final Dropper dropper;
    private final AtomicBoolean dropped = new AtomicBoolean();

    TestDatabase(DatabaseKind kind, String name, String jdbcUrl, String username, String password,
            DataSource dataSource, Dropper dropper) {
        this.kind = kind;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.dataSource = dataSource;
        this.dropper = dropper;
    }

    /** A new database of the given kind; starts the shared embedded server first if it is not running. */
    public static TestDatabase create(DatabaseKind kind) {
        return switch (kind) {
            case H2 -> H2Databases.inMemory();
            case POSTGRESQL -> EmbeddedDatabases.postgres().createDatabase();
            case MARIADB -> EmbeddedDatabases.mariaDb().createDatabase();
        };
    }

    /** A new H2 database kept in files under the system temp dir, for tests that need it to outlive connections. */
    public static TestDatabase createH2File() {
        return H2Databases.onDisk();
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The database (catalog) name, unique on its server. */
    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Removes the database and its login; later calls do nothing. */
    public void drop() {
        if (!dropped.compareAndSet(false, true)) {
            return;
        }
        try {
            dropper.drop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not drop " + this, e);
        }
    }

    /** Same as {@link #drop()}, for try-with-resources. */
    @Override
    public void close() {
        drop();
    }

    /** Leaves the password out, so it cannot end up in test reports. */
    @Override
    public String toString() {
        return kind + " database " + name + " at " + jdbcUrl + " as " + username;
    }
}
