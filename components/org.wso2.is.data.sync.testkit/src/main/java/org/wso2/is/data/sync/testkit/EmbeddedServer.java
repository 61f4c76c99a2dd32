/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The life cycle that the embedded servers share: a private directory, a fixed port, and clean-up at JVM exit. */
abstract class EmbeddedServer implements DatabaseServer {

    static final String HOST = "127.0.0.1";

    /** Belongs to this server alone; deleted by {@link #close()}. */
    final Path directory;
    /** Chosen once, so that a restarted server is found where it was. */
    final int port;
    private final Thread shutdownHook = new Thread(this::close, "testkit-server-shutdown");
    private boolean running;
    private boolean closed;

    EmbeddedServer(String purpose) {
        this.directory = ScratchFiles.newDirectory(purpose);
        this.port = FreePorts.pick();
    }

    /** Starts the server process. */
    abstract void startProcess() throws Exception;

    /** Stops the server process, keeping its data. */
    abstract void stopProcess() throws Exception;

    /** First start: the exit hook goes in before a process exists, so that none can outlive the JVM. */
    final void boot() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public final String host() {
        return HOST;
    }

    @Override
    public final int port() {
        return port;
    }

    @Override
    public final synchronized boolean isRunning() {
        return running;
    }

    final synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public final synchronized void start() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (running) {
            return;
        }
        try {
            startProcess();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start " + this, e);
        }
        running = true;
    }

    @Override
    public final synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            stopProcess();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + this, e);
        }
        running = false;
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            ScratchFiles.deleteRecursively(directory);
            forgetShutdownHook();
        }
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // close() is running in that very hook
        }
    }

    /** Runs statements in one administrator session, in order. */
    final void executeAsAdmin(String... statements) throws SQLException {
        try (Connection connection = adminDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public String toString() {
        return kind() + " server at " + HOST + ":" + port;
    }
}
