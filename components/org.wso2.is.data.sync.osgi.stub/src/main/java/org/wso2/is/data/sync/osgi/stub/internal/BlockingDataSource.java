/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.stub.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.wso2.is.data.sync.osgi.stub.api.StubRecord;

/**
 * A database that never answers: {@code getConnection()} waits until the calling thread is interrupted. Keeps a
 * job busy so a test can stop the bundle under it.
 */
final class BlockingDataSource implements DataSource {

    private final String name;

    BlockingDataSource(String name) {
        this.name = name;
    }

    @Override
    public Connection getConnection() throws SQLException {
        StubRecord.add("getConnection(" + name + ") blocked on " + Thread.currentThread().getName());
        try {
            while (true) {
                Thread.sleep(Long.MAX_VALUE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection to " + name, "08001", e);
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is ever logged
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the wait ends only on interrupt
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
