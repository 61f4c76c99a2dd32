/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import javax.sql.DataSource;

/**
 * An embedded database server that this JVM started on a loopback port of its own choosing.
 *
 * <p>{@link #stop()} and {@link #start()} take the server away and bring it back on the same host and port with the
 * same data, so {@link TestDatabase}s created before keep working after a restart, though their open connections
 * do not. Stopping one of the shared servers of {@link EmbeddedDatabases} cuts off every test that uses it, so a test
 * that stops a server should start its own with {@link EmbeddedPostgresServer#startNew()} or
 * {@link EmbeddedMariaDbServer#startNew()} and close it at the end.
 */
public interface DatabaseServer extends AutoCloseable {

    DatabaseKind kind();

    /** Always the IPv4 loopback address: the server listens on nothing else. */
    String host();

    int port();

    boolean isRunning();

    /** Starts a stopped server; does nothing if it runs. */
    void start();

    /** Shuts the server down cleanly, keeping its data; does nothing if it is stopped. */
    void stop();

    /** A new database with its own login on this server, which must be running. */
    TestDatabase createDatabase();

    /** Logs in as the server's administrator (all privileges), for set-up that a test login may not do. */
    DataSource adminDataSource();

    /** Stops the server for good and deletes its data; a JVM shutdown hook does this for servers left open. */
    @Override
    void close();
}
