/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.wso2.is.data.sync.ddl.CaptureObject.Kind.TABLE;
import static org.wso2.is.data.sync.ddl.CaptureObject.Kind.TRIGGER;
import static org.wso2.is.data.sync.config.SyncTable.IDN_IDENTITY_USER_DATA;
import static org.wso2.is.data.sync.config.SyncTable.IDN_OAUTH2_ACCESS_TOKEN;
import static org.wso2.is.data.sync.config.SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE;
import static org.wso2.is.data.sync.config.SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE;
import static org.wso2.is.data.sync.dialect.GeneratedSql.NAME_LIMIT;
import static org.wso2.is.data.sync.dialect.GeneratedSql.allObjects;
import static org.wso2.is.data.sync.dialect.GeneratedSql.asClientReadsThem;
import static org.wso2.is.data.sync.dialect.GeneratedSql.assertIdentifiersFit;
import static org.wso2.is.data.sync.dialect.GeneratedSql.assertObjects;
import static org.wso2.is.data.sync.dialect.GeneratedSql.existsQuerySent;
import static org.wso2.is.data.sync.dialect.GeneratedSql.journalReadSent;
import static org.wso2.is.data.sync.dialect.GeneratedSql.objects;
import static org.wso2.is.data.sync.dialect.GeneratedSql.scriptStatements;
import static org.wso2.is.data.sync.dialect.SqlParsers.columnNames;
import static org.wso2.is.data.sync.dialect.SqlParsers.columnTypes;
import static org.wso2.is.data.sync.dialect.SqlParsers.druid;
import static org.wso2.is.data.sync.dialect.SqlParsers.jsql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTriggerStatement;
import com.alibaba.druid.sql.ast.statement.SQLIfStatement;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.ScriptFormat;
import org.wso2.is.data.sync.dialect.SourceKeyColumn;
import org.wso2.is.data.sync.schema.KeyColumn;

import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * The capture SQL for SQL Server 2012 and later, statement by statement (no SQL Server runs in the build).
 *
 * <p>Parser-checked (JSqlParser): the journal CREATE TABLEs, DROP TABLE, every statement inside the trigger bodies
 * ({@code SET NOCOUNT ON} and both INSERT ... SELECT over {@code inserted}/{@code deleted}), the catalog and
 * privilege queries, the limited journal read and the progress query with {@code now()}; DROP TRIGGER and the clean
 * script's {@code IF OBJECT_ID(...) IS NOT NULL DROP ...} (Druid). Checked as text only: the exact statements
 * below, in particular the CREATE TRIGGER head ({@code ON ... AFTER ... AS BEGIN ... END}, which neither parser
 * reads), and the sqlcmd script form.
 *
 * <p>In the expected statements, a line ending in {@code \} continues on the next: the statement has no line break
 * there.
 */
class SqlServerDialectTest {

    private final SqlServerDialect dialect = new SqlServerDialect();

    @Test
    void identityUserData() {
        assertObjects(objects(dialect, IDN_IDENTITY_USER_DATA),
            new CaptureObject(TABLE, "SYN_J_USER_DATA", """
                CREATE TABLE SYN_J_USER_DATA (SYNC_ID BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY, \
                OPERATION CHAR(1) NOT NULL, CHANGED_AT DATETIME2 NOT NULL DEFAULT SYSDATETIME(), \
                TENANT_ID INTEGER NOT NULL, USER_NAME VARCHAR(255) NOT NULL, DATA_KEY VARCHAR(255) NOT NULL)""",
                "DROP TABLE SYN_J_USER_DATA"),
            new CaptureObject(TRIGGER, "SYN_T_USER_DATA", """
                CREATE TRIGGER SYN_T_USER_DATA ON IDN_IDENTITY_USER_DATA AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                  SET NOCOUNT ON;
                  INSERT INTO SYN_J_USER_DATA (OPERATION, TENANT_ID, USER_NAME, DATA_KEY)
                    SELECT CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 'U' ELSE 'I' END, i.TENANT_ID, i.USER_NAME, i.DATA_KEY FROM inserted i;
                  INSERT INTO SYN_J_USER_DATA (OPERATION, TENANT_ID, USER_NAME, DATA_KEY)
                    SELECT 'D', d.TENANT_ID, d.USER_NAME, d.DATA_KEY FROM deleted d
                    WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.TENANT_ID = d.TENANT_ID AND i.USER_NAME = d.USER_NAME COLLATE Latin1_General_BIN2 AND i.DATA_KEY = d.DATA_KEY COLLATE Latin1_General_BIN2);
                END""",
                "DROP TRIGGER SYN_T_USER_DATA"));
    }

    @Test
    void accessToken() {
        assertObjects(objects(dialect, IDN_OAUTH2_ACCESS_TOKEN),
            new CaptureObject(TABLE, "SYN_J_TOKEN", """
                CREATE TABLE SYN_J_TOKEN (SYNC_ID BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY, \
                OPERATION CHAR(1) NOT NULL, CHANGED_AT DATETIME2 NOT NULL DEFAULT SYSDATETIME(), \
                TOKEN_ID VARCHAR(255) NOT NULL)""",
                "DROP TABLE SYN_J_TOKEN"),
            new CaptureObject(TRIGGER, "SYN_T_TOKEN", """
                CREATE TRIGGER SYN_T_TOKEN ON IDN_OAUTH2_ACCESS_TOKEN AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                  SET NOCOUNT ON;
                  INSERT INTO SYN_J_TOKEN (OPERATION, TOKEN_ID)
                    SELECT CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 'U' ELSE 'I' END, i.TOKEN_ID FROM inserted i;
                  INSERT INTO SYN_J_TOKEN (OPERATION, TOKEN_ID)
                    SELECT 'D', d.TOKEN_ID FROM deleted d
                    WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.TOKEN_ID = d.TOKEN_ID COLLATE Latin1_General_BIN2);
                END""",
                "DROP TRIGGER SYN_T_TOKEN"));
    }

    @Test
    void accessTokenScope() {
        assertObjects(objects(dialect, IDN_OAUTH2_ACCESS_TOKEN_SCOPE),
            new CaptureObject(TABLE, "SYN_J_TOKEN_SCOPE", """
                CREATE TABLE SYN_J_TOKEN_SCOPE (SYNC_ID BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY, \
                OPERATION CHAR(1) NOT NULL, CHANGED_AT DATETIME2 NOT NULL DEFAULT SYSDATETIME(), \
                TOKEN_ID VARCHAR(255) NOT NULL, TOKEN_SCOPE VARCHAR(60) NOT NULL)""",
                "DROP TABLE SYN_J_TOKEN_SCOPE"),
            new CaptureObject(TRIGGER, "SYN_T_TOKEN_SCOPE", """
                CREATE TRIGGER SYN_T_TOKEN_SCOPE ON IDN_OAUTH2_ACCESS_TOKEN_SCOPE AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                  SET NOCOUNT ON;
                  INSERT INTO SYN_J_TOKEN_SCOPE (OPERATION, TOKEN_ID, TOKEN_SCOPE)
                    SELECT CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 'U' ELSE 'I' END, i.TOKEN_ID, i.TOKEN_SCOPE FROM inserted i;
                  INSERT INTO SYN_J_TOKEN_SCOPE (OPERATION, TOKEN_ID, TOKEN_SCOPE)
                    SELECT 'D', d.TOKEN_ID, d.TOKEN_SCOPE FROM deleted d
                    WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.TOKEN_ID = d.TOKEN_ID COLLATE Latin1_General_BIN2 AND i.TOKEN_SCOPE = d.TOKEN_SCOPE COLLATE Latin1_General_BIN2);
                END""",
                "DROP TRIGGER SYN_T_TOKEN_SCOPE"));
    }

    @Test
    void authorizationCode() {
        assertObjects(objects(dialect, IDN_OAUTH2_AUTHORIZATION_CODE),
            new CaptureObject(TABLE, "SYN_J_AUTHZ_CODE", """
                CREATE TABLE SYN_J_AUTHZ_CODE (SYNC_ID BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY, \
                OPERATION CHAR(1) NOT NULL, CHANGED_AT DATETIME2 NOT NULL DEFAULT SYSDATETIME(), \
                CODE_ID VARCHAR(255) NOT NULL)""",
                "DROP TABLE SYN_J_AUTHZ_CODE"),
            new CaptureObject(TRIGGER, "SYN_T_AUTHZ_CODE", """
                CREATE TRIGGER SYN_T_AUTHZ_CODE ON IDN_OAUTH2_AUTHORIZATION_CODE AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                  SET NOCOUNT ON;
                  INSERT INTO SYN_J_AUTHZ_CODE (OPERATION, CODE_ID)
                    SELECT CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 'U' ELSE 'I' END, i.CODE_ID FROM inserted i;
                  INSERT INTO SYN_J_AUTHZ_CODE (OPERATION, CODE_ID)
                    SELECT 'D', d.CODE_ID FROM deleted d
                    WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.CODE_ID = d.CODE_ID COLLATE Latin1_General_BIN2);
                END""",
                "DROP TRIGGER SYN_T_AUTHZ_CODE"));
    }

    @Test
    void journalsParseWithTheirColumns() {
        for (SyncTable t : SyncTable.values()) {
            CaptureNames n = CaptureNames.of(t);
            CaptureObject journal = objects(dialect, t).get(0);
            CreateTable create = jsql(journal.getCreateSql(), CreateTable.class);
            assertEquals(n.getJournal(), create.getTable().getName());
            List<String> names = new ArrayList<>(List.of("SYNC_ID", "OPERATION", "CHANGED_AT"));
            List<String> types = new ArrayList<>(List.of("BIGINT", "CHAR (1)", "DATETIME2"));
            for (KeyColumn k : n.getKeyColumns()) {
                names.add(k.getName());
                types.add(k.getKind() == KeyColumn.Kind.INTEGER ? "INTEGER" : "VARCHAR (" + k.getLength() + ")");
            }
            assertEquals(names, columnNames(create));
            assertEquals(types, columnTypes(create));

            Drop drop = jsql(journal.getDropSql(), Drop.class);
            assertEquals("TABLE", drop.getType());
            assertEquals(n.getJournal(), drop.getName().getName());
        }
    }

    @Test
    void triggerBodiesJournalEveryKeyOfTheStatement() {
        for (SyncTable t : SyncTable.values()) {
            CaptureNames n = CaptureNames.of(t);
            CaptureObject trigger = objects(dialect, t).get(1);
            String sql = trigger.getCreateSql();
            assertTrue(sql.startsWith("CREATE TRIGGER " + n.getTrigger() + " ON " + n.getSourceTable()
                    + " AFTER INSERT, UPDATE, DELETE AS\nBEGIN\n"), sql);
            assertTrue(sql.endsWith("\nEND"), sql);
            String body = sql.substring(sql.indexOf("\nBEGIN\n") + "\nBEGIN\n".length(), sql.lastIndexOf("\nEND"));
            String[] statements = body.split(";\n");
            assertEquals(3, statements.length, body);
            assertTrue(statements[2].endsWith(";"), body);

            // NOCOUNT: IS reads update counts, which the journal inserts must not change.
            SetStatement noCount = jsql(statements[0].trim(), SetStatement.class);
            assertEquals("SET NOCOUNT ON", noCount.toString());

            List<String> keys = new ArrayList<>();
            for (KeyColumn k : n.getKeyColumns()) {
                keys.add(k.getName());
            }
            List<String> columns = new ArrayList<>(List.of("OPERATION"));
            columns.addAll(keys);

            // Every row of inserted, as U when the statement also deleted rows (an update), else as I.
            PlainSelect fresh = journalInsert(n, columns, statements[1]);
            assertEquals("inserted i", fresh.getFromItem().toString());
            List<String> freshItems = new ArrayList<>(List.of(
                    "CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 'U' ELSE 'I' END"));
            List<String> joins = new ArrayList<>();
            for (String k : keys) {
                freshItems.add("i." + k);
                joins.add("i." + k + " = d." + k + ("TENANT_ID".equals(k) ? "" : " COLLATE Latin1_General_BIN2"));
            }
            assertEquals(freshItems, texts(fresh.getSelectItems()));
            assertNull(fresh.getWhere());

            // Every row of deleted whose key is no longer there, as D: deletes, and the old key of a key update.
            PlainSelect gone = journalInsert(n, columns, statements[2].substring(0, statements[2].length() - 1));
            assertEquals("deleted d", gone.getFromItem().toString());
            List<String> goneItems = new ArrayList<>(List.of("'D'"));
            for (String k : keys) {
                goneItems.add("d." + k);
            }
            assertEquals(goneItems, texts(gone.getSelectItems()));
            assertEquals("NOT EXISTS (SELECT 1 FROM inserted i WHERE " + String.join(" AND ", joins) + ")",
                    gone.getWhere().toString());

            SQLDropTriggerStatement drop = druid(trigger.getDropSql(), DbType.sqlserver, SQLDropTriggerStatement.class);
            assertEquals(n.getTrigger(), drop.getName().getSimpleName());
        }
    }

    @Test
    void createTriggerStartsItsBatch() {
        // SQL Server requires CREATE TRIGGER to be the first statement of a batch, through JDBC as in sqlcmd.
        for (CaptureObject o : allObjects(dialect)) {
            if (o.getKind() == TRIGGER) {
                assertTrue(o.getCreateSql().startsWith("CREATE TRIGGER "), o.getCreateSql());
            }
        }
    }

    @Test
    void journalKeyColumnsCopyTheSourceCatalog() {
        String query = "SELECT c.name, t.name, c.max_length, c.precision, c.scale, NULL, c.collation_name, "
                + "CASE WHEN t.is_user_defined = 1 THEN 'user-defined' END "
                + "FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.user_type_id "
                + "WHERE c.object_id = OBJECT_ID(?)";
        assertEquals(query, dialect.keyColumnsQuery(null));
        jsql(query, PlainSelect.class);
        // max_length is in bytes: an NVARCHAR(255) reports 510
        SourceKeyColumn tenant = new SourceKeyColumn("TENANT_ID", "int", 4, 10, 0, null, null, null);
        SourceKeyColumn user = new SourceKeyColumn("USER_NAME", "nvarchar", 510, 0, 0, null,
                "SQL_Latin1_General_CP1_CI_AS", null);
        SourceKeyColumn key = new SourceKeyColumn("DATA_KEY", "varchar", 255, 0, 0, null, "Latin1_General_100_CS_AS",
                null);
        assertEquals("INT", dialect.copiedKeyType(tenant));
        assertEquals("NVARCHAR(255) COLLATE SQL_Latin1_General_CP1_CI_AS", dialect.copiedKeyType(user));
        assertEquals("VARCHAR(255) COLLATE Latin1_General_100_CS_AS", dialect.copiedKeyType(key));
        assertEquals("NUMERIC(19,0)", dialect.copiedKeyType(
                new SourceKeyColumn("X", "numeric", 9, 19, 0, null, null, null)));
        assertNull(dialect.copiedKeyType(new SourceKeyColumn("X", "ntext", 16, 0, 0, null, "x", null)));
        assertNull(dialect.copiedKeyType(new SourceKeyColumn("X", "UserName", 510, 0, 0, null, "x",
                "user-defined")));

        CaptureNames names = CaptureNames.of(IDN_IDENTITY_USER_DATA).fromCatalog("dbo", java.util.Map.of(
                "TENANT_ID", dialect.copiedKeyType(tenant), "USER_NAME", dialect.copiedKeyType(user),
                "DATA_KEY", dialect.copiedKeyType(key)));
        String create = dialect.captureObjects(names).get(0).getCreateSql();
        assertEquals("""
                CREATE TABLE SYN_J_USER_DATA (SYNC_ID BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY, \
                OPERATION CHAR(1) NOT NULL, CHANGED_AT DATETIME2 NOT NULL DEFAULT SYSDATETIME(), \
                TENANT_ID INT NOT NULL, USER_NAME NVARCHAR(255) COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL, \
                DATA_KEY VARCHAR(255) COLLATE Latin1_General_100_CS_AS NOT NULL)""", create);
        jsql(create, CreateTable.class);
    }

    @Test
    void sqlcmdRunsEveryStatementAsOneBatch() {
        ScriptFormat format = dialect.getScriptFormat();
        assertEquals("sqlcmd (the script stops at the first error): sqlcmd -b -S <server> -d <database> -U <user> "
                + "-i <file>", format.getClient());
        assertEquals(List.of(":on error exit"), format.getOpening());
        assertEquals("STATEMENT\nGO", format.terminate("STATEMENT"));
        List<String> statements = scriptStatements(dialect);
        // The comment line before each statement stays in its batch, which SQL Server allows before CREATE TRIGGER.
        assertEquals(statements, asClientReadsThem(format, statements, line -> line.trim().equalsIgnoreCase("GO")));
        for (String s : statements) {
            // sqlcmd reads "$(name)" as a variable, and ":" or "!!" at the start of a line as its own command.
            assertFalse(s.contains("$("), s);
            assertFalse(s.lines().anyMatch(line -> line.startsWith(":") || line.startsWith("!!")), s);
        }
    }

    @Test
    void identifiersFitThirtyCharacters() throws SQLException {
        for (CaptureObject o : allObjects(dialect)) {
            assertTrue(o.getName().length() <= NAME_LIMIT, o.getName());
            assertIdentifiersFit(o.getCreateSql());
            assertIdentifiersFit(o.getDropSql());
            assertIdentifiersFit(dialect.dropIfExists(o));
        }
        assertIdentifiersFit(dialect.existsQuery(TABLE));
        assertIdentifiersFit(dialect.existsQuery(TRIGGER));
        assertIdentifiersFit(journalReadSent(dialect, IDN_OAUTH2_ACCESS_TOKEN_SCOPE, 100));
    }

    @Test
    void cleanScriptDropsOnlyWhatExists() {
        // DROP ... IF EXISTS needs SQL Server 2016; OBJECT_ID with a type works on 2012.
        List<CaptureObject> token = objects(dialect, IDN_OAUTH2_ACCESS_TOKEN);
        assertEquals("IF OBJECT_ID(N'SYN_J_TOKEN', N'U') IS NOT NULL DROP TABLE SYN_J_TOKEN",
                dialect.dropIfExists(token.get(0)));
        assertEquals("IF OBJECT_ID(N'SYN_T_TOKEN', N'TR') IS NOT NULL DROP TRIGGER SYN_T_TOKEN",
                dialect.dropIfExists(token.get(1)));
        for (CaptureObject o : allObjects(dialect)) {
            SQLIfStatement drop = druid(dialect.dropIfExists(o), DbType.sqlserver, SQLIfStatement.class);
            String type = o.getKind() == TABLE ? "U" : "TR";
            assertEquals("OBJECT_ID(N'" + o.getName() + "', N'" + type + "') IS NOT NULL",
                    SQLUtils.toSQLString(drop.getCondition(), DbType.sqlserver));
            assertEquals(1, drop.getStatements().size());
            SQLStatement statement = drop.getStatements().get(0);
            Class<? extends SQLStatement> kind = o.getKind() == TABLE
                    ? SQLDropTableStatement.class : SQLDropTriggerStatement.class;
            assertInstanceOf(kind, statement);
            assertEquals(o.getDropSql(), SQLUtils.toSQLString(statement, DbType.sqlserver).replaceAll("\\s+", " "));
        }
    }

    @Test
    void clockAndBatchingForTheSyncWorker() throws SQLException {
        // The progress query compares the journal's CHANGED_AT (its default, SYSDATETIME()) with now().
        assertEquals("SYSDATETIME()", dialect.now());
        jsql("SELECT COUNT(*), MIN(CHANGED_AT), " + dialect.now() + " FROM SYN_J_TOKEN", PlainSelect.class);
        assertEquals(2000, dialect.insertParameterLimit(null));
    }

    @Test
    void catalogLookUpsFindOurObjectsInTheDefaultSchema() throws SQLException {
        assertEquals("SELECT 1 FROM sys.tables WHERE name = ? AND schema_id = SCHEMA_ID()",
                dialect.existsQuery(TABLE));
        // A DML trigger has the schema of its table.
        assertEquals("SELECT 1 FROM sys.triggers t JOIN sys.tables p ON p.object_id = t.parent_id "
                + "WHERE t.name = ? AND p.schema_id = SCHEMA_ID()", dialect.existsQuery(TRIGGER));
        assertEquals("sys.tables", jsql(dialect.existsQuery(TABLE), PlainSelect.class).getFromItem().toString());
        PlainSelect trigger = jsql(dialect.existsQuery(TRIGGER), PlainSelect.class);
        assertEquals("sys.triggers t", trigger.getFromItem().toString());
        assertEquals(1, trigger.getJoins().size());
        List<CaptureObject> token = objects(dialect, IDN_OAUTH2_ACCESS_TOKEN);
        assertEquals(dialect.existsQuery(TABLE), existsQuerySent(dialect, token.get(0)));
        assertEquals(dialect.existsQuery(TRIGGER), existsQuerySent(dialect, token.get(1)));
    }

    @Test
    void journalReadFetchesTheFirstRowsAfterAnOffsetOfNone() throws SQLException {
        String read = journalReadSent(dialect, IDN_IDENTITY_USER_DATA, 500);
        assertEquals("SELECT SYNC_ID, OPERATION, CHANGED_AT, TENANT_ID, USER_NAME, DATA_KEY FROM SYN_J_USER_DATA "
                + "ORDER BY SYNC_ID OFFSET 0 ROWS FETCH NEXT 500 ROWS ONLY", read);
        PlainSelect select = jsql(read, PlainSelect.class);
        assertEquals("SYN_J_USER_DATA", select.getFromItem().toString());
        assertEquals("0", select.getOffset().getOffset().toString());
        assertEquals("500", select.getFetch().getExpression().toString());
    }

    @Test
    void privilegesAreTheEffectiveOnesOfTheCurrentUser() throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement ps = mock(PreparedStatement.class);
        ResultSet rs = mock(ResultSet.class);
        when(connection.prepareStatement(anyString())).thenReturn(ps);
        when(ps.executeQuery()).thenReturn(rs);
        when(rs.next()).thenReturn(true);
        when(rs.getInt(1)).thenReturn(1, 0);
        when(rs.getInt(2)).thenReturn(1, 0);
        when(rs.getString(3)).thenReturn("dbo");
        List<String> tables = List.of(IDN_OAUTH2_ACCESS_TOKEN.name());

        assertEquals(List.of(), dialect.missingPrivileges(connection, tables));
        assertEquals(List.of("CREATE TABLE", "ALTER on schema dbo (needed for tables and triggers)"),
                dialect.missingPrivileges(connection, tables));

        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        verify(connection, times(2)).prepareStatement(sql.capture());
        // effective permissions: granted to the user, a role, a group or by ownership alike
        assertEquals("SELECT HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'CREATE TABLE'), HAS_PERMS_BY_NAME(SCHEMA_NAME(), "
                + "'SCHEMA', 'ALTER'), SCHEMA_NAME()", sql.getValue());
        List<String> items = texts(jsql(sql.getValue(), PlainSelect.class).getSelectItems());
        assertEquals(3, items.size(), items::toString);
        assertTrue(items.get(0).startsWith("HAS_PERMS_BY_NAME(") && items.get(0).endsWith(", 'CREATE TABLE')"),
                items::toString);
        assertEquals(List.of("HAS_PERMS_BY_NAME(SCHEMA_NAME(), 'SCHEMA', 'ALTER')", "SCHEMA_NAME()"),
                items.subList(1, 3));
    }

    /** {@code insert} parsed: INSERT INTO the journal ({@code columns}) SELECT ...; returns the SELECT. */
    private static PlainSelect journalInsert(CaptureNames n, List<String> columns, String insert) {
        Insert parsed = jsql(insert.trim(), Insert.class);
        assertEquals(n.getJournal(), parsed.getTable().getName());
        List<String> names = new ArrayList<>();
        parsed.getColumns().forEach(c -> names.add(c.getColumnName()));
        assertEquals(columns, names);
        return parsed.getPlainSelect();
    }

    private static List<String> texts(List<SelectItem<?>> items) {
        List<String> texts = new ArrayList<>();
        items.forEach(i -> texts.add(i.toString()));
        return texts;
    }
}
