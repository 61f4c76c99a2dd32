/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wso2.is.data.sync.dialect.IdentityReads.answering;
import static org.wso2.is.data.sync.dialect.IdentityReads.sent;
import static org.wso2.is.data.sync.dialect.SqlParsers.jsql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.dialect.DatabaseIdentity;

import net.sf.jsqlparser.statement.select.PlainSelect;

/** The identity query for SQL Server, exact and parsed (no SQL Server runs in the build). */
class SqlServerIdentityTest {

    private final SqlServerDialect dialect = new SqlServerDialect();

    @Test
    void theInstanceNamesItself() throws SQLException {
        Connection c = answering("DBHOST01\\IS", "WSO2IS_DB", "dbo");
        DatabaseIdentity identity = dialect.identity(c);
        assertEquals(List.of("SELECT CAST(SERVERPROPERTY('ServerName') AS NVARCHAR(256)), DB_NAME(), SCHEMA_NAME()"),
                sent(c, 1));
        assertEquals(3, jsql(SqlServerDialect.IDENTITY_QUERY, PlainSelect.class).getSelectItems().size());
        assertEquals("server DBHOST01\\IS, database WSO2IS_DB, schema dbo", identity.toString());
        assertTrue(identity.isProven());
    }

    @Test
    void anotherDatabaseOnTheSameInstanceIsAnotherDatabase() throws SQLException {
        DatabaseIdentity source = dialect.identity(answering("DBHOST01\\IS", "WSO2IS_DB", "dbo"));
        assertTrue(source.sameAs(dialect.identity(answering("DBHOST01\\IS", "wso2is_db", "dbo"))));
        assertFalse(source.sameAs(dialect.identity(answering("DBHOST01\\IS", "WSO2IS_NEW", "dbo"))));
        assertFalse(source.sameAs(dialect.identity(answering("DBHOST02\\IS", "WSO2IS_DB", "dbo"))));
    }
}
