/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect.db2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.wso2.is.data.sync.dialect.IdentityReads.answering;
import static org.wso2.is.data.sync.dialect.IdentityReads.sent;
import static org.wso2.is.data.sync.dialect.SqlParsers.jsql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.dialect.DatabaseIdentity;

import net.sf.jsqlparser.statement.select.PlainSelect;

/** The identity query for DB2, exact and parsed, and what a user who may not read it gets (no DB2 in the build). */
class Db2IdentityTest {

    private static final String IDENTITY = "SELECT I.INST_NAME, T.CREATE_TIME, CURRENT SERVER, CURRENT SCHEMA "
            + "FROM SYSIBMADM.ENV_INST_INFO I, SYSCAT.TABLES T WHERE T.TABSCHEMA = 'SYSIBM' AND T.TABNAME = 'SYSTABLES'";

    private final Db2Dialect dialect = new Db2Dialect();

    @Test
    void theInstanceAndTheCatalogsCreation() throws SQLException {
        Connection c = answering("db2inst1", "2024-03-01 10:15:02.123456", "WSO2IS", "WSO2");
        DatabaseIdentity identity = dialect.identity(c);
        assertEquals(List.of(IDENTITY), sent(c, 1));
        PlainSelect select = jsql(Db2Dialect.IDENTITY_QUERY.replace("CURRENT SERVER", "CURRENT_SERVER")
                .replace("CURRENT SCHEMA", "CURRENT_SCHEMA"), PlainSelect.class);
        assertEquals("SYSIBMADM.ENV_INST_INFO I", select.getFromItem().toString());
        assertEquals("instance db2inst1, catalog created 2024-03-01 10:15:02.123456, database WSO2IS, schema WSO2",
                identity.toString());
        assertTrue(identity.isProven());
        // a copy restored on another server with the same instance name: its catalog is older than the server's
        assertTrue(identity.sameAs(dialect.identity(answering("db2inst1", "2024-03-01 10:15:02.123456", "WSO2IS",
                "WSO2"))));
        assertFalse(identity.sameAs(dialect.identity(answering("db2inst1", "2025-11-20 08:00:41.000017", "WSO2IS",
                "WSO2"))));
    }

    @Test
    void aUserWhoMayNotReadTheInstanceIsToldWhatToGrant() throws SQLException {
        Connection c = mock(Connection.class);
        PreparedStatement denied = mock(PreparedStatement.class);
        when(denied.executeQuery()).thenThrow(new SQLException("SQL0551N  \"WSO2\" does not have the required "
                + "authorization or privilege to perform operation \"SELECT\" on object \"SYSIBMADM.ENV_INST_INFO\".",
                "42501", -551));
        PreparedStatement names = mock(PreparedStatement.class);
        ResultSet rs = mock(ResultSet.class);
        when(names.executeQuery()).thenReturn(rs);
        when(rs.next()).thenReturn(true);
        when(rs.getString(1)).thenReturn("WSO2IS");
        when(rs.getString(2)).thenReturn("WSO2");
        when(c.prepareStatement(anyString())).thenReturn(denied, names);

        DatabaseIdentity identity = dialect.identity(c);
        assertEquals(List.of(IDENTITY, "VALUES (CURRENT SERVER, CURRENT SCHEMA)"), sent(c, 2));
        assertFalse(identity.isProven());
        assertEquals("this user may not read SYSIBMADM.ENV_INST_INFO and SYSCAT.TABLES (SQL0551N  \"WSO2\" does not "
                + "have the required authorization or privilege to perform operation \"SELECT\" on object "
                + "\"SYSIBMADM.ENV_INST_INFO\"., SQLState 42501); GRANT SELECT ON both to it", identity.getUnproven());
        assertEquals("unidentified server, database WSO2IS, schema WSO2", identity.toString());
        assertFalse(identity.sameAs(identity));
    }

    @Test
    void otherFailuresAreNotTakenForMissingRights() throws SQLException {
        Connection c = mock(Connection.class);
        PreparedStatement broken = mock(PreparedStatement.class);
        when(broken.executeQuery()).thenThrow(new SQLException("connection reset", "08001", -30081));
        when(c.prepareStatement(anyString())).thenReturn(broken);
        assertEquals("08001", assertThrows(SQLException.class, () -> dialect.identity(c)).getSQLState());
    }
}
