/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A datasource that hands the connections of another one out through {@link #wrap}: everything but the
 * connections goes to the delegate, and {@link #unwrap} reaches the delegate (a pool) through it.
 */
public abstract class ForwardingDataSource implements DataSource {

    protected final DataSource delegate;

    protected ForwardingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** The connection handed out for {@code connection}, one of the delegate's. */
    protected abstract Connection wrap(Connection connection) throws SQLException;

    /** Called before a connection is asked of the delegate; may refuse it. Nothing by default. */
    protected void beforeConnect() throws SQLException {
        // every connection is asked for
    }

    @Override
    public Connection getConnection() throws SQLException {
        beforeConnect();
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        beforeConnect();
        return wrap(delegate.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
