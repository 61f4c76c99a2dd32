/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

/**
 * The JVM-wide embedded servers behind {@link TestDatabase#create(DatabaseKind)}: each starts on first use and
 * stops, deleting its data, when the JVM exits. Do not close them; a test that needs to stop a server should use a
 * server of its own (see {@link DatabaseServer}).
 */
public final class EmbeddedDatabases {

    private static final Object POSTGRES_LOCK = new Object();
    private static final Object MARIADB_LOCK = new Object();
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedMariaDbServer mariaDb;

    private EmbeddedDatabases() {
    }

    /** The shared PostgreSQL server, running: started now on first use, or again if a test left it stopped. */
    public static EmbeddedPostgresServer postgres() {
        synchronized (POSTGRES_LOCK) {
            if (postgres == null || postgres.isClosed()) {
                postgres = EmbeddedPostgresServer.startNew();
            } else {
                postgres.start();
            }
            return postgres;
        }
    }

    /** The shared MariaDB server, running: started now on first use, or again if a test left it stopped. */
    public static EmbeddedMariaDbServer mariaDb() {
        synchronized (MARIADB_LOCK) {
            if (mariaDb == null || mariaDb.isClosed()) {
                mariaDb = EmbeddedMariaDbServer.startNew();
            } else {
                mariaDb.start();
            }
            return mariaDb;
        }
    }

    /** The shared server of a kind; H2 runs inside the JVM and has none. */
    public static DatabaseServer server(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> postgres();
            case MARIADB -> mariaDb();
            case H2 -> throw new IllegalArgumentException("H2 runs inside the JVM; it has no server");
        };
    }
}
