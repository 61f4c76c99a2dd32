/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A datasource whose connections never wait on a silent server for ever: every connection it hands out has a
 * network timeout (no answer within it and the driver cuts the connection, which the retrying worker reports as a
 * passing connection failure and replaces), and every statement created on it a query timeout (the driver cancels
 * a statement stuck on a lock). The connection gets its previous network timeout back when it is returned, so a
 * pool shared with IS keeps its own settings. Opening a connection is left to the pool: HikariCP bounds it with
 * {@code connectionTimeout}, which it also gives the driver as login timeout, on a thread of its own.
 *
 * <p>Both the launcher's and the bundle's datasources pass through here (the job runner wraps them), so neither
 * depends on what an operator put into a JDBC URL.
 */
public final class BoundedDataSource extends ForwardingDataSource {

    private static final Logger LOG = LogManager.getLogger(BoundedDataSource.class);
    /**
     * Where drivers run the abort of a connection whose network timeout expired. Aborts are rare and quick; one
     * daemon thread, gone when idle, and a bounded queue.
     */
    private static final ExecutorService ABORTS = aborts();

    private final String name;
    private final int networkTimeoutMillis;
    private final int queryTimeoutSeconds;
    private final AtomicBoolean toldUnsupported = new AtomicBoolean();
    /** The connections handed out and not yet closed: what {@link #abortOpen} cuts. */
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    /** Set by {@link #abortOpen}: the job is ending, and a new connection would only wait on the silent database. */
    private volatile boolean cut;

    private BoundedDataSource(DataSource delegate, String name, long networkTimeoutMillis, long queryTimeoutMillis) {
        super(delegate);
        this.name = name;
        this.networkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, networkTimeoutMillis);
        this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, (queryTimeoutMillis + 999) / 1000);
    }

    /**
     * @param name               the datasource as the operator named it, for log lines
     * @param queryTimeoutMillis 0 for none: validate's scans stream a whole table through one statement, and are
     *                           bounded per round trip by the network timeout instead
     */
    public static BoundedDataSource wrap(DataSource delegate, String name, long networkTimeoutMillis,
                                         long queryTimeoutMillis) {
        return new BoundedDataSource(delegate, name, networkTimeoutMillis, queryTimeoutMillis);
    }

    @Override
    protected Connection wrap(Connection connection) throws SQLException {
        return bounded(connection);
    }

    @Override
    protected void beforeConnect() throws SQLException {
        if (cut) {
            // 08: a connection failure, which the worker treats as passing; the job is ending anyway.
            throw new SQLException("datasource '" + name + "': the job is stopping and its connections were cut",
                    "08003");
        }
    }

    private Connection bounded(Connection c) throws SQLException {
        Integer previous = null;
        try {
            previous = c.getNetworkTimeout();
            c.setNetworkTimeout(ABORTS, networkTimeoutMillis);
        } catch (SQLFeatureNotSupportedException | AbstractMethodError | UnsupportedOperationException e) {
            // A JDBC 4.0 driver (or one that declines): its own socket timeout setting is all that bounds a wait.
            if (toldUnsupported.compareAndSet(false, true)) {
                LOG.warn("The driver of datasource '{}' cannot bound how long it waits for the database ({}): set a "
                        + "socket timeout in its JDBC URL, or a dead network blocks this tool until TCP gives up",
                        name, e.toString());
            }
            previous = null;
        } catch (SQLException | RuntimeException e) {
            close(c);
            throw e;
        }
        open.add(c);
        return (Connection) Proxy.newProxyInstance(BoundedDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Handler(c, previous));
    }

    /** Whether {@link #abortOpen} has run: the job is ending, and what still waits on this database is cut off. */
    public boolean isCut() {
        return cut;
    }

    /**
     * Aborts every connection handed out and not yet closed: a thread blocked reading from a database that stopped
     * answering gets an exception at once instead of at the network timeout, and no new connection is handed out.
     * For a stop that must end within its bound; the database rolls back what those connections had not committed.
     *
     * @return how many connections were aborted
     */
    public int abortOpen() {
        cut = true;
        int aborted = 0;
        for (Connection c : open) {
            open.remove(c);
            try {
                c.abort(ABORTS);
                aborted++;
            } catch (SQLException | AbstractMethodError | RuntimeException e) {
                LOG.debug("Datasource '{}': a connection could not be aborted", name, e);
            }
        }
        return aborted;
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing a connection failed", e);
        }
    }

    /** Sets the query timeout on every statement, and gives the connection its own network timeout back on close. */
    private final class Handler implements InvocationHandler {
        private final Connection connection;
        private final Integer previousNetworkTimeout;

        Handler(Connection connection, Integer previousNetworkTimeout) {
            this.connection = connection;
            this.previousNetworkTimeout = previousNetworkTimeout;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String m = method.getName();
            if ("close".equals(m)) {
                open.remove(connection);
                if (previousNetworkTimeout != null) {
                    restoreNetworkTimeout();
                }
            }
            Object result;
            try {
                result = method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (queryTimeoutSeconds > 0 && result instanceof Statement
                    && (m.equals("createStatement") || m.equals("prepareStatement") || m.equals("prepareCall"))) {
                ((Statement) result).setQueryTimeout(queryTimeoutSeconds);
            }
            return result;
        }

        private void restoreNetworkTimeout() {
            try {
                if (!connection.isClosed()) {
                    connection.setNetworkTimeout(ABORTS, previousNetworkTimeout);
                }
            } catch (SQLException | RuntimeException e) {
                // A broken connection: the pool discards it anyway.
                LOG.debug("Datasource '{}': the connection's own network timeout could not be restored", name, e);
            }
        }
    }

    private static ExecutorService aborts() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
                r -> {
                    Thread t = new Thread(r, "data-sync-connection-abort");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
