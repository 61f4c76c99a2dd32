/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * What a DBA, or a failing server, does to a database from the outside, done as the server's administrator: cut
 * a login's sessions, make a database refuse writes, and give a database a second login.
 */
final class ServerSide {

    /** MariaDB's "unknown thread id": the session ended by itself between the look-up and the kill. */
    private static final int UNKNOWN_THREAD = 1094;

    private ServerSide() {
    }

    /** Ends every session of {@code user} on {@code server}, as a DBA or a network cut would; returns how many. */
    static int cutSessions(DatabaseServer server, String user) throws SQLException {
        try (Connection admin = server.adminDataSource().getConnection()) {
            if (server.kind() == DatabaseKind.POSTGRESQL) {
                int cut = 0;
                try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM "
                        + "pg_stat_activity WHERE usename = ? AND pid <> pg_backend_pid()")) {
                    ps.setString(1, user);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cut += rs.getBoolean(1) ? 1 : 0;
                        }
                    }
                }
                return cut;
            }
            List<Long> sessions = new ArrayList<>();
            try (PreparedStatement ps = admin.prepareStatement(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getLong(1));
                    }
                }
            }
            int cut = 0;
            try (Statement s = admin.createStatement()) {
                for (long id : sessions) {
                    try {
                        s.execute("KILL CONNECTION " + id);
                        cut++;
                    } catch (SQLException e) {
                        if (e.getErrorCode() != UNKNOWN_THREAD) {
                            throw e;
                        }
                    }
                }
            }
            return cut;
        }
    }

    /**
     * Makes {@code db} refuse writes, or accept them again. PostgreSQL: a database default that new sessions take
     * up, and the login's open sessions cut, so that pooled ones cannot go on writing. MariaDB: the server-wide
     * read_only, which holds for every login without SUPER, the test logins among them; so the server must be
     * the test's own.
     */
    static void readOnly(DatabaseServer server, TestDatabase db, boolean on) throws SQLException {
        try (Connection admin = server.adminDataSource().getConnection(); Statement s = admin.createStatement()) {
            if (server.kind() == DatabaseKind.POSTGRESQL) {
                s.execute("ALTER DATABASE " + db.name() + (on ? " SET default_transaction_read_only = on"
                        : " RESET default_transaction_read_only"));
            } else {
                s.execute("SET GLOBAL read_only = " + (on ? "ON" : "OFF"));
            }
        }
        if (on && server.kind() == DatabaseKind.POSTGRESQL) {
            cutSessions(server, db.username());
        }
    }

    /**
     * Another login with the rights of {@code db}'s own, so a test can cut one program's sessions and not the
     * other's. PostgreSQL: a member of the owner role; MariaDB: every privilege on the database.
     */
    static SecondLogin secondLogin(DatabaseServer server, TestDatabase db) throws SQLException {
        String user = db.username() + "_2";
        String password = UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = server.adminDataSource().getConnection(); Statement s = admin.createStatement()) {
            if (server.kind() == DatabaseKind.POSTGRESQL) {
                s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "' IN ROLE " + db.username());
            } else {
                s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL PRIVILEGES ON `" + db.name() + "`.* TO '" + user + "'@'%'");
            }
        }
        return new SecondLogin(server, user, dataSource(db, user, password));
    }

    private static DataSource dataSource(TestDatabase db, String user, String password) throws SQLException {
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(db.jdbcUrl());
            pg.setUser(user);
            pg.setPassword(password);
            return pg;
        }
        MariaDbDataSource maria = new MariaDbDataSource(db.jdbcUrl());
        maria.setUser(user);
        maria.setPassword(password);
        return maria;
    }

    /** A login made by {@link #secondLogin}; closing cuts its sessions and drops it. */
    static final class SecondLogin implements AutoCloseable {
        private final DatabaseServer server;
        private final String user;
        private final DataSource dataSource;

        private SecondLogin(DatabaseServer server, String user, DataSource dataSource) {
            this.server = server;
            this.user = user;
            this.dataSource = dataSource;
        }

        String user() {
            return user;
        }

        DataSource dataSource() {
            return dataSource;
        }

        @Override
        public void close() throws SQLException {
            cutSessions(server, user);
            try (Connection admin = server.adminDataSource().getConnection();
                 Statement s = admin.createStatement()) {
                s.execute(server.kind() == DatabaseKind.POSTGRESQL ? "DROP ROLE IF EXISTS " + user
                        : "DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }
}
