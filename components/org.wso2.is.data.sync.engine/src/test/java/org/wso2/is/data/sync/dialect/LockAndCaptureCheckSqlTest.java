/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wso2.is.data.sync.dialect.SqlParsers.jsql;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.dialect.db2.Db2Dialect;
import org.wso2.is.data.sync.dialect.oracle.OracleDialect;
import org.wso2.is.data.sync.dialect.sqlserver.SqlServerDialect;

import net.sf.jsqlparser.statement.select.Select;

/**
 * The lock-timeout statements, lock-holder queries and capture-check queries of the databases no build runs
 * (Oracle, SQL Server, DB2), exactly; the capture-check queries parsed as well. PostgreSQL and MariaDB run them
 * live in DdlLockTimeoutIT and CaptureLostIT.
 */
class LockAndCaptureCheckSqlTest {

    @Test
    void oracle() {
        Dialect d = new OracleDialect();
        assertEquals("ALTER SESSION SET ddl_lock_timeout = 2", d.ddlLockTimeout(2000));
        assertEquals("ALTER SESSION SET ddl_lock_timeout = 1", d.ddlLockTimeout(500));
        assertEquals("ALTER SESSION SET ddl_lock_timeout = 0", d.resetDdlLockTimeout());
        assertTrue(d.isLockTimeout(new SQLException("ORA-00054: resource busy", "61000", 54)));
        assertTrue(d.isLockTimeout(new SQLException("ORA-04021: timeout occurred", "61000", 4021)));
        assertFalse(d.isLockTimeout(new SQLException("ORA-00942", "42000", 942)));
        assertEquals("SELECT s.SID || ',' || s.SERIAL#, s.USERNAME, s.PROGRAM, s.STATUS, t.START_DATE, "
                + "SUBSTR(q.SQL_TEXT, 1, 100) FROM V$LOCKED_OBJECT lo JOIN USER_OBJECTS o ON o.OBJECT_ID = lo.OBJECT_ID "
                + "JOIN V$SESSION s ON s.SID = lo.SESSION_ID LEFT JOIN V$TRANSACTION t ON t.ADDR = s.TADDR "
                + "LEFT JOIN V$SQLAREA q ON q.SQL_ID = NVL(s.SQL_ID, s.PREV_SQL_ID) WHERE o.OBJECT_NAME = ? "
                + "AND o.OBJECT_TYPE = 'TABLE' AND s.SID <> SYS_CONTEXT('USERENV', 'SID') ORDER BY t.START_DATE",
                d.lockHoldersQuery());
        String check = "SELECT CASE WHEN STATUS = 'ENABLED' THEN 'Y' ELSE 'N' END FROM USER_TRIGGERS "
                + "WHERE TRIGGER_NAME = ? AND TABLE_NAME = ?";
        assertEquals(check, d.triggerStateQuery());
        jsql(check, Select.class);
    }

    @Test
    void sqlServer() {
        Dialect d = new SqlServerDialect();
        assertEquals("SET LOCK_TIMEOUT 2000", d.ddlLockTimeout(2000));
        assertEquals("SET LOCK_TIMEOUT -1", d.resetDdlLockTimeout());
        assertTrue(d.isLockTimeout(new SQLException("Lock request time out period exceeded.", "S0001", 1222)));
        assertFalse(d.isLockTimeout(new SQLException("deadlock", "40001", 1205)));
        assertEquals("SELECT DISTINCT s.session_id, s.login_name, s.program_name, s.status, "
                + "tr.transaction_begin_time, LEFT(q.text, 100) FROM sys.dm_tran_locks l "
                + "JOIN sys.dm_exec_sessions s ON s.session_id = l.request_session_id "
                + "LEFT JOIN sys.dm_tran_session_transactions st ON st.session_id = s.session_id "
                + "LEFT JOIN sys.dm_tran_active_transactions tr ON tr.transaction_id = st.transaction_id "
                + "LEFT JOIN sys.dm_exec_connections c ON c.session_id = s.session_id "
                + "OUTER APPLY sys.dm_exec_sql_text(c.most_recent_sql_handle) q "
                + "WHERE l.resource_type = 'OBJECT' AND l.resource_database_id = DB_ID() "
                + "AND l.resource_associated_entity_id = OBJECT_ID(?) AND l.request_status = 'GRANT' "
                + "AND l.request_session_id <> @@SPID", d.lockHoldersQuery());
        String check = "SELECT CASE WHEN t.is_disabled = 0 THEN 'Y' ELSE 'N' END FROM sys.triggers t "
                + "JOIN sys.tables p ON p.object_id = t.parent_id WHERE t.name = ? AND p.name = ? "
                + "AND p.schema_id = SCHEMA_ID()";
        assertEquals(check, d.triggerStateQuery());
        jsql(check, Select.class);
    }

    @Test
    void db2() {
        Dialect d = new Db2Dialect();
        assertEquals("SET CURRENT LOCK TIMEOUT 2", d.ddlLockTimeout(2000));
        assertEquals("SET CURRENT LOCK TIMEOUT 3", d.ddlLockTimeout(2001));
        assertEquals("SET CURRENT LOCK TIMEOUT NULL", d.resetDdlLockTimeout());
        assertTrue(d.isLockTimeout(new SQLException("SQLCODE=-911, SQLSTATE=40001, reason 68", "40001", -911)));
        assertTrue(d.isLockTimeout(new SQLException("SQLCODE=-913, SQLSTATE=57033", "57033", -913)));
        assertFalse(d.isLockTimeout(new SQLException("SQLCODE=-204", "42704", -204)));
        assertEquals("SELECT DISTINCT u.APPLICATION_HANDLE, u.SESSION_AUTH_ID, u.APPLICATION_NAME, "
                + "u.WORKLOAD_OCCURRENCE_STATE, u.UOW_START_TIME, CAST(NULL AS VARCHAR(100)) "
                + "FROM TABLE(MON_GET_LOCKS(NULL, -2)) l "
                + "JOIN SYSCAT.TABLES t ON t.TBSPACEID = l.TBSP_ID AND t.TABLEID = l.TAB_FILE_ID "
                + "JOIN TABLE(MON_GET_UNIT_OF_WORK(NULL, -2)) u ON u.APPLICATION_HANDLE = l.APPLICATION_HANDLE "
                + "WHERE t.TABSCHEMA = CURRENT SCHEMA AND t.TABNAME = ? AND l.LOCK_STATUS = 'G' "
                + "AND l.APPLICATION_HANDLE <> MON_GET_APPLICATION_HANDLE()", d.lockHoldersQuery());
        String check = "SELECT CASE WHEN VALID = 'X' THEN 'N' ELSE 'Y' END FROM SYSCAT.TRIGGERS "
                + "WHERE TRIGSCHEMA = CURRENT SCHEMA AND TRIGNAME = ? AND TABNAME = ?";
        assertEquals(check, d.triggerStateQuery());
    }
}
