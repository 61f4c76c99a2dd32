/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The login behind the tool's timeout wrapper, as the replication connection of log capture needs it; the password
 * never shows in its text.
 */
class DataSourceLoginTest {

    @Test
    void pgjdbcsDataSourceGivesItsLoginThroughTheWrapper() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl("jdbc:postgresql://db.example:5432/identity");
        pg.setUser("sync");
        pg.setPassword("s3cret");
        DataSourceLogin login = DataSourceLogin.of(BoundedDataSource.wrap(pg, "jdbc/source", 60_000, 30_000));
        // pgjdbc's datasource writes every property into its URL
        assertTrue(login.getUrl().startsWith("jdbc:postgresql://db.example:5432/identity?"), login.getUrl());
        assertEquals("sync", login.getUser());
        assertEquals("s3cret", login.getPassword());
        assertEquals(JdbcUrls.redact(login.getUrl()) + " as sync", login.toString());
        assertFalse(login.toString().contains("s3cret"));
    }

    @Test
    void aDataSourceWithoutSuchGettersHasNone() {
        DataSource bare = Mockito.mock(DataSource.class);
        assertNull(DataSourceLogin.of(BoundedDataSource.wrap(bare, "jdbc/source", 60_000, 30_000)));
        assertEquals(bare.getClass().getName(), DataSourceLogin.describe(bare));
    }
}
