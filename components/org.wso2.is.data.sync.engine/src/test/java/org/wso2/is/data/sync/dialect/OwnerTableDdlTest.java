/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wso2.is.data.sync.dialect.SqlParsers.columnNames;
import static org.wso2.is.data.sync.dialect.SqlParsers.columnTypes;
import static org.wso2.is.data.sync.dialect.SqlParsers.jsql;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.db2.Db2Dialect;
import org.wso2.is.data.sync.dialect.oracle.OracleDialect;
import org.wso2.is.data.sync.dialect.sqlserver.SqlServerDialect;

import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * The owner table sync creates on the target, and the clean script's drop of it, for the databases no server runs
 * in the build (PostgreSQL, MariaDB and H2 create and drop it for real in SyncOwnerIT).
 */
class OwnerTableDdlTest {

    @Test
    void oracle() {
        CaptureObject owner = new OracleDialect().ownerTable();
        assertEquals("CREATE TABLE SYN_OWNER (ID NUMBER(10) NOT NULL PRIMARY KEY, EPOCH NUMBER(19) NOT NULL, "
                + "HEARTBEAT NUMBER(19) NOT NULL, HOST VARCHAR2(255), PROCESS_ID VARCHAR2(64), SINCE VARCHAR2(40))",
                owner.getCreateSql());
        assertEquals("DROP TABLE SYN_OWNER PURGE", owner.getDropSql());
        assertEquals("BEGIN\n  EXECUTE IMMEDIATE 'DROP TABLE SYN_OWNER PURGE';\nEXCEPTION\n  WHEN OTHERS THEN\n"
                + "    IF SQLCODE != -942 THEN\n      RAISE;\n    END IF;\nEND;", new OracleDialect().dropIfExists(owner));
        assertColumns(owner, List.of("NUMBER (10)", "NUMBER (19)", "NUMBER (19)", "VARCHAR2 (255)", "VARCHAR2 (64)",
                "VARCHAR2 (40)"));
    }

    @Test
    void sqlServer() {
        CaptureObject owner = new SqlServerDialect().ownerTable();
        assertEquals("CREATE TABLE SYN_OWNER (ID INTEGER NOT NULL PRIMARY KEY, EPOCH BIGINT NOT NULL, "
                + "HEARTBEAT BIGINT NOT NULL, HOST VARCHAR(255), PROCESS_ID VARCHAR(64), SINCE VARCHAR(40))",
                owner.getCreateSql());
        assertEquals("DROP TABLE SYN_OWNER", owner.getDropSql());
        assertEquals("IF OBJECT_ID(N'SYN_OWNER', N'U') IS NOT NULL DROP TABLE SYN_OWNER",
                new SqlServerDialect().dropIfExists(owner));
        assertColumns(owner, List.of("INTEGER", "BIGINT", "BIGINT", "VARCHAR (255)", "VARCHAR (64)", "VARCHAR (40)"));
    }

    @Test
    void db2() {
        CaptureObject owner = new Db2Dialect().ownerTable();
        assertEquals("CREATE TABLE SYN_OWNER (ID INTEGER NOT NULL PRIMARY KEY, EPOCH BIGINT NOT NULL, "
                + "HEARTBEAT BIGINT NOT NULL, HOST VARCHAR(255), PROCESS_ID VARCHAR(64), SINCE VARCHAR(40))",
                owner.getCreateSql());
        assertEquals("DROP TABLE SYN_OWNER", owner.getDropSql());
        assertEquals("BEGIN\n  DECLARE CONTINUE HANDLER FOR SQLSTATE '42704' BEGIN END;\n  EXECUTE IMMEDIATE "
                + "'DROP TABLE SYN_OWNER';\nEND", new Db2Dialect().dropIfExists(owner));
        assertColumns(owner, List.of("INTEGER", "BIGINT", "BIGINT", "VARCHAR (255)", "VARCHAR (64)", "VARCHAR (40)"));
    }

    private static void assertColumns(CaptureObject owner, List<String> types) {
        CreateTable create = jsql(owner.getCreateSql(), CreateTable.class);
        assertEquals("SYN_OWNER", create.getTable().getName());
        assertEquals(List.of("ID", "EPOCH", "HEARTBEAT", "HOST", "PROCESS_ID", "SINCE"), columnNames(create));
        assertEquals(types, columnTypes(create));
    }
}
