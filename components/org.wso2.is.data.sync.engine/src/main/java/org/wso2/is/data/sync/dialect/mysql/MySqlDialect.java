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

import org.wso2.is.data.sync.capture.CaptureNames;
import org.wso2.is.data.sync.capture.CaptureObject;
import org.wso2.is.data.sync.dialect.DatabaseIdentity;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.ScriptFormat;
import org.wso2.is.data.sync.schema.KeyColumn;

/**
 * MySQL 5.7/8 and MariaDB 10.x: one trigger per event, since MySQL has no multi-event triggers. Rows that a
 * foreign-key cascade deletes fire no trigger here; the target's own cascade removes them (see capture.md).
 */
public final class MySqlDialect extends Dialect {

    @Override
    public String getName() {
        return "MySQL/MariaDB";
    }

    @Override
    public boolean handles(String productName) {
        return "MySQL".equalsIgnoreCase(productName) || "MariaDB".equalsIgnoreCase(productName);
    }

    @Override
    public List<CaptureObject> captureObjects(CaptureNames n) {
        String src = n.getSourceTable();
        return Arrays.asList(
                table(n.getJournal(), "CREATE TABLE " + n.getJournal()
                        + " (SYNC_ID BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, OPERATION CHAR(1) NOT NULL, "
                        + "CHANGED_AT TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), " + keyColumnDefinitions(n)
                        + ") ENGINE=InnoDB"),
                trigger(n.getTrigger('I'), "CREATE TRIGGER " + n.getTrigger('I') + " AFTER INSERT ON " + src
                        + " FOR EACH ROW " + journalInsert(n, "I", "NEW")),
                trigger(n.getTrigger('U'), "CREATE TRIGGER " + n.getTrigger('U') + " AFTER UPDATE ON " + src
                        + " FOR EACH ROW\nBEGIN\n"
                        + "  " + journalInsert(n, "U", "NEW") + ";\n"
                        + "  IF " + keyChanged(n, "OLD", "NEW") + " THEN\n"
                        + "    " + journalInsert(n, "D", "OLD") + ";\n"
                        + "  END IF;\n"
                        + "END"),
                trigger(n.getTrigger('D'), "CREATE TRIGGER " + n.getTrigger('D') + " AFTER DELETE ON " + src
                        + " FOR EACH ROW " + journalInsert(n, "D", "OLD")));
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

    @Override
    public List<String> missingPrivileges(Connection connection, List<String> tables) throws SQLException {
        Set<String> held = new HashSet<>();
        // Global grants, then grants on this database (LIKE: grants may name a pattern such as is\_%).
        String global = "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?";
        String schema = "SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ? "
                + "AND (TABLE_SCHEMA = DATABASE() OR DATABASE() LIKE TABLE_SCHEMA)";
        String grantee = grantee(connection);
        for (String q : Arrays.asList(global, schema)) {
            try (PreparedStatement ps = connection.prepareStatement(q)) {
                ps.setString(1, grantee);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        if (held.isEmpty()) {
            // Privileges held only through roles do not show here; the statements themselves will tell.
            return missing;
        }
        for (String needed : Arrays.asList("CREATE", "TRIGGER", "INSERT", "DROP")) {
            if (!held.contains(needed)) {
                missing.add(needed + " on the database");
            }
        }
        return missing;
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

    @Override
    public String limit(String query, int rows) {
        return query + " LIMIT " + rows;
    }

    @Override
    public String now() {
        return "CURRENT_TIMESTAMP(3)";
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
        return new ScriptFormat("the mysql or mariadb client: mysql -h <host> -u <user> -p <database> < <file>",
                Collections.singletonList("DELIMITER //"), "\n//", Collections.singletonList("DELIMITER ;"));
    }
}
