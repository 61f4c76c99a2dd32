/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.datasource.BoundedDataSource;
import org.wso2.is.data.sync.datasource.DataSourceLogin;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Log capture's replication connection logs in with the launcher pool's own URL, user and password (a replication
 * connection cannot come from the pool), read behind the tool's timeout wrapper.
 */
class HikariLoginTest {

    @Test
    void theLauncherPoolTellsItsLogin() {
        // not started: a HikariDataSource made without a configuration opens its pool on the first connection
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:postgresql://db.example:5432/identity?sslmode=require");
            pool.setUsername("sync");
            pool.setPassword("s3cret");
            DataSourceLogin login = DataSourceLogin.of(BoundedDataSource.wrap(pool, "jdbc/source", 60_000, 30_000));
            assertEquals("jdbc:postgresql://db.example:5432/identity?sslmode=require", login.getUrl());
            assertEquals("sync", login.getUser());
            assertEquals("s3cret", login.getPassword());
        }
    }
}
