/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.DatabaseIdentity;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.ScriptFormat;
import org.wso2.is.data.sync.dialect.SourceKeyColumn;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * MySQL 5.7/8 and MariaDB 10.x: one trigger per event, since MySQL has no multi-event triggers. Rows that a
 * foreign-key cascade deletes fire no trigger here; the target's own cascade removes them (see capture.md).
 */
public final class MySqlDialect extends Dialect {

    private static final Set<String> COPIED_TYPES = new HashSet<>(Arrays.asList("char", "varchar", "binary",
            "varbinary", "tinyint", "smallint", "mediumint", "int", "bigint", "decimal"));

    @Override
    public String getName() {
        return "MySQL/MariaDB";
    }

    @Override
    public boolean handles(String productName) {
        return "MySQL".equalsIgnoreCase(productName) || "MariaDB".equalsIgnoreCase(productName);
    }

    /**
     * A trigger runs with its definer's privileges, not the IS user's: the definer is said explicitly to be the
     * account that creates it (the one that owns the journal's grants), whoever runs the script.
     */
    @Override
    public List<CaptureObject> captureObjects(CaptureNames n) {
        String src = n.getSourceTable();
        return Arrays.asList(
                table(n.getJournal(), "CREATE TABLE " + n.getJournal()
                        + " (SYNC_ID BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, OPERATION CHAR(1) NOT NULL, "
                        + "CHANGED_AT TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), " + keyColumnDefinitions(n)
                        + ") ENGINE=InnoDB"),
                trigger(n.getTrigger('I'), "CREATE DEFINER = CURRENT_USER TRIGGER " + n.getTrigger('I')
                        + " AFTER INSERT ON " + src
                        + " FOR EACH ROW " + journalInsert(n, "I", "NEW")),
                trigger(n.getTrigger('U'), "CREATE DEFINER = CURRENT_USER TRIGGER " + n.getTrigger('U')
                        + " AFTER UPDATE ON " + src
                        + " FOR EACH ROW\nBEGIN\n"
                        + "  " + journalInsert(n, "U", "NEW") + ";\n"
                        + "  IF " + keyChanged(n, "OLD", "NEW") + " THEN\n"
                        + "    " + journalInsert(n, "D", "OLD") + ";\n"
                        + "  END IF;\n"
                        + "END"),
                trigger(n.getTrigger('D'), "CREATE DEFINER = CURRENT_USER TRIGGER " + n.getTrigger('D')
                        + " AFTER DELETE ON " + src
                        + " FOR EACH ROW " + journalInsert(n, "D", "OLD")));
    }

    /** InnoDB whatever the server's default engine: the owner row's epoch check needs row locks. */
    @Override
    public CaptureObject ownerTable() {
        CaptureObject table = super.ownerTable();
        return table(table.getName(), table.getCreateSql() + " ENGINE=InnoDB");
    }

    /**
     * Text keys compare as bytes: under IS's case-insensitive collations 'Bob' = 'bob', and a case-only rename
     * would journal no old key, leaving it on a case-sensitive target.
     */
    @Override
    protected String keyChanged(CaptureNames names, String oldRow, String newRow) {
        List<String> terms = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            String o = oldRow + "." + k.getName();
            String n = newRow + "." + k.getName();
            terms.add(k.getKind() == KeyColumn.Kind.VARCHAR
                    ? "CAST(" + o + " AS BINARY) <> CAST(" + n + " AS BINARY)" : o + " <> " + n);
        }
        return String.join(" OR ", terms);
    }

    /**
     * COLUMN_TYPE spells the declared type ({@code varchar(255)}, {@code int(11) unsigned}); the character set and
     * collation are the column's own, which may differ from the table's and the database's defaults.
     */
    @Override
    protected String keyColumnsQuery(Connection connection) {
        return "SELECT COLUMN_NAME, COLUMN_TYPE, NULL, NULL, NULL, CHARACTER_SET_NAME, COLLATION_NAME, DATA_TYPE "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = ?";
    }

    /** Text, binary and exact numeric types; a TEXT or BLOB key (a prefix index) cannot be a journal column. */
    @Override
    public String copiedKeyType(SourceKeyColumn column) {
        if (!COPIED_TYPES.contains(String.valueOf(column.getSemantics()).toLowerCase(Locale.ROOT))) {
            return null;
        }
        return column.getDataType() + (column.getCharset() == null ? ""
                : " CHARACTER SET " + column.getCharset() + " COLLATE " + column.getCollation());
    }

    @Override
    protected String existsQuery(CaptureObject.Kind kind) {
        // UPPER(): with lower_case_table_names=1 the catalog holds lower-case names.
        if (kind == CaptureObject.Kind.TRIGGER) {
            return "SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                    + "AND UPPER(TRIGGER_NAME) = ?";
        }
        return "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = ? "
                + "AND TABLE_TYPE = 'BASE TABLE'";
    }

    /**
     * lock_wait_timeout counts whole seconds (at least 1): the timeout is rounded up. It bounds the metadata lock
     * a CREATE/DROP TRIGGER or DROP TABLE waits for, behind which every IS statement on the table queues.
     */
    @Override
    public String ddlLockTimeout(long millis) {
        return "SET SESSION lock_wait_timeout = " + Math.max(1, (millis + 999) / 1000);
    }

    @Override
    public String resetDdlLockTimeout() {
        return "SET SESSION lock_wait_timeout = @@GLOBAL.lock_wait_timeout";
    }

    /**
     * A trigger DDL on a table with a foreign key takes the table's metadata lock, then waits for one on the table
     * it references. An IS transaction that wrote the referenced table (a token) and then writes this one (its
     * scopes) closes a cycle, and MariaDB ends it by failing the IS write (1213, deadlock). LOCK TABLES takes both
     * locks in one request, in name order, so the referenced table (a prefix of the scope table's name) comes first
     * and the DDL waits holding nothing. The connection is in auto-commit mode: no InnoDB table locks are taken.
     */
    @Override
    public String lockForTriggerDdl(String table, String referenced) {
        if (referenced == null) {
            return null;
        }
        if (referenced.compareTo(table) > 0) {
            throw new IllegalArgumentException("LOCK TABLES takes " + table + " before " + referenced);
        }
        return "LOCK TABLES " + referenced + " WRITE, " + table + " WRITE";
    }

    @Override
    public String unlockAfterTriggerDdl() {
        return "UNLOCK TABLES";
    }

    /** ER_LOCK_WAIT_TIMEOUT (1205), which a metadata lock wait ends with too. */
    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 1205;
    }

    /**
     * The other sessions inside a transaction, oldest first: they hold the metadata locks of every table they
     * touched until they end. MariaDB shows no metadata lock holders without the metadata_lock_info plugin or
     * performance_schema (off by default), so this names every candidate; PROCESS lets the user see them all.
     */
    @Override
    protected String lockHoldersQuery() {
        return "SELECT p.ID, p.USER, p.HOST, CONCAT(p.COMMAND, ' ', p.TIME, ' s'), t.trx_started, "
                + "LEFT(COALESCE(p.INFO, t.trx_query), 100) FROM information_schema.INNODB_TRX t "
                + "JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id "
                + "WHERE p.ID <> CONNECTION_ID() ORDER BY t.trx_started";
    }

    /**
     * Without the PROCESS privilege INNODB_TRX is refused (1227) and PROCESSLIST shows only this user's sessions:
     * those on this database are listed then, each a candidate, since which is in a transaction cannot be seen.
     */
    @Override
    public List<String> lockHolders(Connection connection, String table) throws SQLException {
        try {
            return super.lockHolders(connection, table);
        } catch (SQLException e) {
            if (e.getErrorCode() != 1227) {
                throw e;
            }
        }
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT ID, USER, HOST, COMMAND, TIME, "
                + "LEFT(INFO, 100) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() "
                + "AND DB = DATABASE() ORDER BY TIME DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sessions.add("session " + rs.getString(1) + " (user " + rs.getString(2) + ", application '"
                        + rs.getString(3) + "', " + rs.getString(4) + " for " + rs.getString(5) + " s"
                        + (rs.getString(6) == null ? "" : ", statement: " + rs.getString(6)) + ")");
            }
        }
        if (!sessions.isEmpty()) {
            sessions.add("(without the PROCESS privilege only this user's sessions are visible, and not which of "
                    + "them is in a transaction)");
        }
        return sessions;
    }

    /** MySQL triggers cannot be disabled: there or not. */
    @Override
    protected String triggerStateQuery() {
        return "SELECT 'Y' FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                + "AND UPPER(TRIGGER_NAME) = ? AND UPPER(EVENT_OBJECT_TABLE) = ?";
    }

    /**
     * Prepare creates a journal and triggers per table: CREATE, INSERT and DROP on each journal (INSERT for the
     * triggers' definer, DROP for undoing a failed run and for clean), TRIGGER on each IS table. Each may be granted
     * globally, on the database, or on the table alone (a journal's before it exists: MySQL accepts a table grant
     * that includes CREATE), so the DDL account need not hold DROP on the whole identity database.
     */
    @Override
    public List<String> missingPrivileges(Connection connection, List<String> tables) throws SQLException {
        String grantee = grantee(connection);
        Set<String> held = new HashSet<>();
        // Global grants, then grants on this database (LIKE: grants may name a pattern such as is\_%).
        held.addAll(privileges(connection, "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES "
                + "WHERE GRANTEE = ?", grantee));
        held.addAll(privileges(connection, "SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES "
                + "WHERE GRANTEE = ? AND (TABLE_SCHEMA = DATABASE() OR DATABASE() LIKE TABLE_SCHEMA)", grantee));
        // Table grants, as "PRIVILEGE ON TABLE" in upper case (IS's names are upper case; the catalog keeps the grant's)
        Set<String> onTables = new HashSet<>(privileges(connection, "SELECT CONCAT(PRIVILEGE_TYPE, ' ON ', "
                + "UPPER(TABLE_NAME)) FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? "
                + "AND TABLE_SCHEMA = DATABASE()", grantee));
        List<String> missing = new ArrayList<>(binaryLogging(connection, grantee, held));
        if (held.isEmpty() && onTables.isEmpty()) {
            // Privileges held only through roles do not show here; the statements themselves will tell.
            return missing;
        }
        for (String table : tables) {
            String journal = CaptureNames.of(SyncTable.valueOf(table)).getJournal();
            for (String needed : Arrays.asList("CREATE", "INSERT", "DROP")) {
                if (!held.contains(needed) && !onTables.contains(needed + " ON " + journal)) {
                    missing.add(needed + " on " + journal + " (or on the database)");
                }
            }
            if (!held.contains("TRIGGER") && !onTables.contains("TRIGGER ON " + table.toUpperCase(Locale.ROOT))) {
                missing.add("TRIGGER on " + table + " (or on the database)");
            }
            if (SyncTable.valueOf(table).referencedTable() != null && !held.contains("LOCK TABLES")) {
                missing.add("LOCK TABLES on the database (the triggers of " + table + " are created and dropped "
                        + "holding it and " + SyncTable.valueOf(table).referencedTable() + ", so that no token "
                        + "write is chosen as a deadlock victim)");
            }
        }
        return missing;
    }

    private static List<String> privileges(Connection connection, String query, String grantee)
            throws SQLException {
        List<String> privileges = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            ps.setString(1, grantee);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    privileges.add(rs.getString(1));
                }
            }
        }
        return privileges;
    }

    /**
     * With binary logging on, MySQL and MariaDB let only SUPER create a trigger unless log_bin_trust_function_creators
     * is on (error 1419 after the journals exist); the one-line fix, or none.
     */
    private static List<String> binaryLogging(Connection connection, String grantee, Set<String> held)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT @@GLOBAL.log_bin, @@GLOBAL.log_bin_trust_function_creators");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1) || rs.getBoolean(2) || held.contains("SUPER")) {
                return Collections.emptyList();
            }
        }
        return Collections.singletonList("SUPER, which CREATE TRIGGER needs while binary logging is on (log_bin = ON) "
                + "and log_bin_trust_function_creators = OFF: as an administrator run SET GLOBAL "
                + "log_bin_trust_function_creators = 1 (and set it in the server's option file so that a restart "
                + "keeps it), or GRANT SUPER ON *.* TO " + grantee);
    }

    /** CURRENT_USER() gives {@code user@host}; the catalog writes {@code 'user'@'host'}. */
    private static String grantee(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT CURRENT_USER()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            String user = rs.getString(1);
            int at = user.lastIndexOf('@');
            return "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
        }
    }

    /**
     * MariaDB Connector/J sends a JDBC batch of INSERTs in bulk, at the plain-insert ceiling (about 1.7x a 100-row
     * VALUES statement here, whose parameters it escapes into the text); MySQL Connector/J sends each statement
     * of a batch on its own unless the URL asks to rewrite, so it gets multi-row VALUES.
     */
    @Override
    public int insertParameterLimit(Connection connection) throws SQLException {
        String driver = connection.getMetaData().getDriverName();
        return driver != null && driver.toLowerCase(Locale.ROOT).contains("mariadb") ? 0 : 2000;
    }

    /** No IN-list limit short of the packet size: a batch of 1,000 keys goes in one statement. */
    @Override
    public int keysPerInList() {
        return 1000;
    }

    @Override
    public String limit(String query, int rows) {
        return query + " LIMIT " + rows;
    }

    @Override
    public String now() {
        return "CURRENT_TIMESTAMP(3)";
    }

    /** IS's scripts create the tables under the server's default collation, which ignores case. */
    @Override
    public boolean textKeysMayFold() {
        return true;
    }

    static final String IDENTITY_QUERY = "SELECT DATABASE(), @@version, @@hostname, @@port, @@datadir, @@server_id";
    static final String SERVER_UUID_QUERY = "SELECT @@server_uuid";

    /**
     * MySQL: its server_uuid (kept in auto.cnf in the data directory). MariaDB has no server_uuid: its host
     * name, port and data directory, which together name one running server (one host cannot run two servers
     * on one port, and InnoDB locks its data directory against a second server). Both readable by every user.
     */
    @Override
    public DatabaseIdentity identity(Connection connection) throws SQLException {
        String database;
        String server;
        boolean mariaDb;
        try (PreparedStatement ps = connection.prepareStatement(IDENTITY_QUERY); ResultSet rs = ps.executeQuery()) {
            rs.next();
            database = rs.getString(1);
            mariaDb = String.valueOf(rs.getString(2)).contains("MariaDB");
            server = "host " + rs.getString(3) + ", port " + rs.getString(4) + ", datadir " + rs.getString(5)
                    + ", server_id " + rs.getString(6);
        }
        if (!mariaDb) {
            try (PreparedStatement ps = connection.prepareStatement(SERVER_UUID_QUERY);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                server = "server_uuid " + rs.getString(1);
            }
        }
        // A MySQL database is a schema.
        return DatabaseIdentity.of(server, database, database);
    }

    @Override
    public ScriptFormat getScriptFormat() {
        return new ScriptFormat("the mysql or mariadb client, which stops at the first error (do not pass --force): "
                + "mysql -h <host> -u <user> -p <database> < <file>",
                Collections.singletonList("DELIMITER //"), "\n//", Collections.singletonList("DELIMITER ;"));
    }
}
