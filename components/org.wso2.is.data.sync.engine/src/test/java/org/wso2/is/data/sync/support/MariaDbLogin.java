/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.sql.SQLException;

import org.mariadb.jdbc.MariaDbDataSource;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A MariaDB datasource that tells its login, as the pools the tool meets do (HikariCP, tomcat-jdbc): log capture's
 * binary log connection is not JDBC and logs in with the datasource's URL, user and password. The driver's own
 * datasource has no password getter.
 */
public final class MariaDbLogin extends MariaDbDataSource {

    private final String password;

    public MariaDbLogin(String url, String user, String password) throws SQLException {
        super(url);
        setUser(user);
        setPassword(password);
        this.password = password;
    }

    /** {@code db}'s datasource, with its login readable. */
    public static MariaDbLogin of(TestDatabase db) throws SQLException {
        return new MariaDbLogin(db.jdbcUrl(), db.username(), db.password());
    }

    public String getPassword() {
        return password;
    }
}
