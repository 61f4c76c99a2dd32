/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect.oracle;

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

/** The identity query for Oracle, exact and parsed (no Oracle server runs in the build). */
class OracleIdentityTest {

    private final OracleDialect dialect = new OracleDialect();

    @Test
    void theContainerDbidNeedsNoGrant() throws SQLException {
        Connection c = answering("2710395402", "ORCLCDB", "ISPDB", "WSO2IS");
        DatabaseIdentity identity = dialect.identity(c);
        assertEquals(List.of("SELECT SYS_CONTEXT('USERENV', 'CON_DBID'), SYS_CONTEXT('USERENV', 'DB_UNIQUE_NAME'), "
                + "SYS_CONTEXT('USERENV', 'CON_NAME'), SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') FROM DUAL"),
                sent(c, 1));
        assertEquals("DUAL", jsql(OracleDialect.IDENTITY_QUERY, PlainSelect.class).getFromItem().toString());
        assertEquals("DBID 2710395402 (DB_UNIQUE_NAME ORCLCDB), database ISPDB, schema WSO2IS", identity.toString());
        assertTrue(identity.isProven());
    }

    @Test
    void anotherSchemaOfOneDatabaseIsAnotherDatabase() throws SQLException {
        DatabaseIdentity source = dialect.identity(answering("2710395402", "ORCLCDB", "ISPDB", "WSO2IS"));
        assertTrue(source.sameAs(dialect.identity(answering("2710395402", "ORCLCDB", "ISPDB", "wso2is"))));
        assertFalse(source.sameAs(dialect.identity(answering("2710395402", "ORCLCDB", "ISPDB", "WSO2IS_NEW"))));
        assertFalse(source.sameAs(dialect.identity(answering("1387459113", "ORCLCDB", "ISPDB", "WSO2IS"))));
    }
}
