/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.DatabaseIdentity;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.ScriptFormat;
import org.wso2.is.data.sync.dialect.SourceKeyColumn;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * SQL Server 2012 and later. Its triggers fire once per statement with the {@code inserted} and {@code deleted}
 * sets, so one set-based trigger writes one journal row per changed key; an old key that no longer exists
 * after an update is journalled as deleted.
 */
public final class SqlServerDialect extends Dialect {

    @Override
    public String getName() {
        return "SQL Server";
    }

    @Override
    public boolean handles(String productName) {
        return "Microsoft SQL Server".equalsIgnoreCase(productName);
    }

    @Override
    public List<CaptureObject> captureObjects(CaptureNames n) {
        String keys = keyColumnList(n);
        List<String> join = new ArrayList<>();
        for (KeyColumn k : n.getKeyColumns()) {
            // A binary collation: under a case-insensitive one a case-only rename would journal no old key.
            join.add("i." + k.getName() + " = d." + k.getName()
                    + (k.getKind() == KeyColumn.Kind.VARCHAR ? " COLLATE Latin1_General_BIN2" : ""));
        }
        String trigger = "CREATE TRIGGER " + n.getTrigger() + " ON " + n.getSourceTable()
                + " AFTER INSERT, UPDATE, DELETE AS\n"
                + "BEGIN\n"
                // NOCOUNT: IS reads update counts; the journal insert must not add its own.
                + "  SET NOCOUNT ON;\n"
                + "  INSERT INTO " + n.getJournal() + " (OPERATION, " + keys + ")\n"
                + "    SELECT CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 'U' ELSE 'I' END, " + keyValues(n, "i")
                + " FROM inserted i;\n"
                + "  INSERT INTO " + n.getJournal() + " (OPERATION, " + keys + ")\n"
                + "    SELECT 'D', " + keyValues(n, "d") + " FROM deleted d\n"
                + "    WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE " + String.join(" AND ", join) + ");\n"
                + "END";
        return Arrays.asList(
                table(n.getJournal(), "CREATE TABLE " + n.getJournal()
                        + " (SYNC_ID BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY, OPERATION CHAR(1) NOT NULL, "
                        + "CHANGED_AT DATETIME2 NOT NULL DEFAULT SYSDATETIME(), " + keyColumnDefinitions(n) + ")"),
                trigger(n.getTrigger(), trigger));
    }

    /**
     * sys.columns: max_length is in bytes (-1 for MAX), so an NVARCHAR's length is half of it; the collation is the
     * column's own. The semantics column marks a user-defined (alias) type, which is not copied.
     */
    @Override
    protected String keyColumnsQuery(Connection connection) {
        return "SELECT c.name, t.name, c.max_length, c.precision, c.scale, NULL, c.collation_name, "
                + "CASE WHEN t.is_user_defined = 1 THEN 'user-defined' END "
                + "FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.user_type_id "
                + "WHERE c.object_id = OBJECT_ID(?)";
    }

    @Override
    public String copiedKeyType(SourceKeyColumn c) {
        if (c.getSemantics() != null) {
            return null;
        }
        String type = c.getDataType().toUpperCase(Locale.ROOT);
        switch (type) {
            case "INT":
            case "BIGINT":
            case "SMALLINT":
            case "TINYINT":
                return type;
            case "DECIMAL":
            case "NUMERIC":
                return type + "(" + c.getPrecision() + "," + c.getScale() + ")";
            case "VARBINARY":
            case "BINARY":
                return type + "(" + (c.getLength() == -1 ? "MAX" : c.getLength()) + ")";
            case "VARCHAR":
            case "CHAR":
                return type + "(" + (c.getLength() == -1 ? "MAX" : c.getLength()) + ") COLLATE " + c.getCollation();
            case "NVARCHAR":
            case "NCHAR":
                return type + "(" + (c.getLength() == -1 ? "MAX" : String.valueOf(c.getLength() / 2)) + ") COLLATE "
                        + c.getCollation();
            default:
                return null;
        }
    }

    @Override
    protected String existsQuery(CaptureObject.Kind kind) {
        if (kind == CaptureObject.Kind.TRIGGER) {
            return "SELECT 1 FROM sys.triggers t JOIN sys.tables p ON p.object_id = t.parent_id "
                    + "WHERE t.name = ? AND p.schema_id = SCHEMA_ID()";
        }
        return "SELECT 1 FROM sys.tables WHERE name = ? AND schema_id = SCHEMA_ID()";
    }

    /** In milliseconds; -1 (wait forever) is the default. */
    @Override
    public String ddlLockTimeout(long millis) {
        return "SET LOCK_TIMEOUT " + millis;
    }

    @Override
    public String resetDdlLockTimeout() {
        return "SET LOCK_TIMEOUT -1";
    }

    /** Error 1222: lock request time out period exceeded. */
    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 1222;
    }

    /** Sessions granted a lock on the table (VIEW SERVER STATE shows other logins' sessions). */
    @Override
    protected String lockHoldersQuery() {
        return "SELECT DISTINCT s.session_id, s.login_name, s.program_name, s.status, tr.transaction_begin_time, "
                + "LEFT(q.text, 100) FROM sys.dm_tran_locks l "
                + "JOIN sys.dm_exec_sessions s ON s.session_id = l.request_session_id "
                + "LEFT JOIN sys.dm_tran_session_transactions st ON st.session_id = s.session_id "
                + "LEFT JOIN sys.dm_tran_active_transactions tr ON tr.transaction_id = st.transaction_id "
                + "LEFT JOIN sys.dm_exec_connections c ON c.session_id = s.session_id "
                + "OUTER APPLY sys.dm_exec_sql_text(c.most_recent_sql_handle) q "
                + "WHERE l.resource_type = 'OBJECT' AND l.resource_database_id = DB_ID() "
                + "AND l.resource_associated_entity_id = OBJECT_ID(?) AND l.request_status = 'GRANT' "
                + "AND l.request_session_id <> @@SPID";
    }

    @Override
    protected String triggerStateQuery() {
        return "SELECT CASE WHEN t.is_disabled = 0 THEN 'Y' ELSE 'N' END FROM sys.triggers t "
                + "JOIN sys.tables p ON p.object_id = t.parent_id "
                + "WHERE t.name = ? AND p.name = ? AND p.schema_id = SCHEMA_ID()";
    }

    @Override
    public List<String> missingPrivileges(Connection connection, List<String> tables) throws SQLException {
        List<String> missing = new ArrayList<>();
        // CREATE TABLE is a database permission; NULL, NULL names the server, which has no such permission.
        try (PreparedStatement ps = connection.prepareStatement("SELECT HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', "
                + "'CREATE TABLE'), HAS_PERMS_BY_NAME(SCHEMA_NAME(), 'SCHEMA', 'ALTER'), SCHEMA_NAME()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getInt(1) != 1) {
                missing.add("CREATE TABLE");
            }
            if (rs.getInt(2) != 1) {
                missing.add("ALTER on schema " + rs.getString(3) + " (needed for tables and triggers)");
            }
        }
        return missing;
    }

    /** DROP ... IF EXISTS needs SQL Server 2016; OBJECT_ID works from 2012. */
    @Override
    public String dropIfExists(CaptureObject object) {
        String type = object.getKind() == CaptureObject.Kind.TABLE ? "U" : "TR";
        return "IF OBJECT_ID(N'" + object.getName() + "', N'" + type + "') IS NOT NULL " + object.getDropSql();
    }

    @Override
    public String limit(String query, int rows) {
        return query + " OFFSET 0 ROWS FETCH NEXT " + rows + " ROWS ONLY";
    }

    @Override
    public String now() {
        return "SYSDATETIME()";
    }

    /** IS's scripts create the tables under the server's default collation, which ignores case. */
    @Override
    public boolean textKeysMayFold() {
        return true;
    }

    /** SERVERPROPERTY is a sql_variant; the JDBC driver reads it as text only once cast. */
    static final String IDENTITY_QUERY = "SELECT CAST(SERVERPROPERTY('ServerName') AS NVARCHAR(256)), DB_NAME(), "
            + "SCHEMA_NAME()";

    /** The instance's own name (machine\instance), whatever alias, address or port the client used. */
    @Override
    public DatabaseIdentity identity(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(IDENTITY_QUERY); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return DatabaseIdentity.of("server " + rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    @Override
    public ScriptFormat getScriptFormat() {
        // :on error exit stops the script at the first failed batch even where -b is forgotten.
        return new ScriptFormat("sqlcmd (the script stops at the first error): sqlcmd -b -S <server> -d <database> "
                + "-U <user> -i <file>", Collections.singletonList(":on error exit"), "\nGO",
                Collections.<String>emptyList());
    }
}
