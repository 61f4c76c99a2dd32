/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.lang.reflect.Method;

import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The URL, user and password a datasource logs in with, for the one connection its pool cannot hand out: a
 * PostgreSQL replication connection (log capture), which needs a login parameter of its own. Read through the public
 * getters of the pool or driver datasource behind the tool's wrappers: HikariCP (the launcher:
 * {@code getJdbcUrl/getUsername/getPassword}), tomcat-jdbc (Carbon's pool inside IS:
 * {@code getUrl/getUsername/getPassword}), pgjdbc's own datasources ({@code getUrl/getUser/getPassword}). The
 * password never leaves this object but to the driver: {@link #toString()} leaves it out.
 */
public final class DataSourceLogin {

    private static final String[][] GETTERS = {
        {"getJdbcUrl", "getUsername", "getPassword"},
        {"getUrl", "getUsername", "getPassword"},
        {"getUrl", "getUser", "getPassword"},
    };

    private final String url;
    private final String user;
    private final String password;

    private DataSourceLogin(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The login of the datasource behind {@code dataSource} (through the tool's wrappers), or null where its class
     * offers no such getters or they give no URL.
     */
    public static DataSourceLogin of(DataSource dataSource) {
        DataSource ds = dataSource;
        while (ds instanceof ForwardingDataSource) {
            ds = ((ForwardingDataSource) ds).delegate;
        }
        for (String[] names : GETTERS) {
            try {
                Method url = ds.getClass().getMethod(names[0]);
                Method user = ds.getClass().getMethod(names[1]);
                Method password = ds.getClass().getMethod(names[2]);
                Object u = url.invoke(ds);
                if (u instanceof String && !((String) u).isEmpty()) {
                    Object name = user.invoke(ds);
                    Object secret = password.invoke(ds);
                    return new DataSourceLogin((String) u, name == null ? null : name.toString(),
                            secret == null ? null : secret.toString());
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // not this pool's getters: try the next set
            }
        }
        return null;
    }

    /** The class of the datasource behind the wrappers, for the message where {@link #of} found no login. */
    /**
     * The login of {@code dataSource}, which log capture needs for a connection of its own to the source (a
     * replication or binary log connection cannot come from the pool).
     *
     * @throws SQLException naming the datasource and its pool's class where the pool does not tell it
     */
    public static DataSourceLogin require(DataSource dataSource, String name) throws SQLException {
        DataSourceLogin login = of(dataSource);
        if (login == null) {
            throw new SQLException("log capture cannot open its own connection to the source datasource '" + name
                    + "': its pool (" + describe(dataSource) + ") does not tell the URL, user and password to log in "
                    + "with; use captureMode = triggers, or the launcher (bin/data-sync)", "08001");
        }
        return login;
    }

    public static String describe(DataSource dataSource) {
        DataSource ds = dataSource;
        while (ds instanceof ForwardingDataSource) {
            ds = ((ForwardingDataSource) ds).delegate;
        }
        return ds.getClass().getName();
    }

    public String getUrl() {
        return url;
    }

    public String getUser() {
        return user;
    }

    public String getPassword() {
        return password;
    }

    @Override
    public String toString() {
        return JdbcUrls.redact(url) + " as " + user;
    }
}
