/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddedDatabasesTest {

    @OnEachDatabase
    void eachDatabaseHoldsOnlyItsOwnRows(DatabaseKind kind) throws SQLException {
        try (TestDatabase first = TestDatabase.create(kind); TestDatabase second = TestDatabase.create(kind)) {
            assertNotEquals(first.name(), second.name());
            writeRows(first.dataSource(), "first");
            writeRows(second.dataSource(), "second");

            assertEquals(List.of("first"), readRows(first.dataSource()));
            assertEquals(List.of("second"), readRows(second.dataSource()));
        }
    }

    @OnEachDatabase
    void loginNeedsItsPassword(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password() + "x").close());
        }
    }

    @OnEachDatabase
    void urlAndDescriptionCarryNoPassword(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            assertFalse(db.jdbcUrl().contains(db.password()));
            assertFalse(db.toString().contains(db.password()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void loginReachesNoOtherDatabase(DatabaseKind kind) {
        try (TestDatabase mine = TestDatabase.create(kind); TestDatabase other = TestDatabase.create(kind)) {
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(other.jdbcUrl(), mine.username(), mine.password()).close());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void dropEndsOpenSessionsAndRemovesDatabaseAndLogin(DatabaseKind kind) throws SQLException {
        TestDatabase db = TestDatabase.create(kind);
        writeRows(db.dataSource(), "row");
        try (Connection openSession = db.dataSource().getConnection();
                Statement statement = openSession.createStatement()) {
            // an open transaction that has read the table holds a lock that would block a plain DROP DATABASE
            openSession.setAutoCommit(false);
            statement.executeQuery("SELECT label FROM item").close();

            db.drop();
            assertThrows(SQLException.class, () -> db.dataSource().getConnection().close());
            assertFalse(listDatabases(kind).contains(db.name()));
        }
    }

    @Test
    void postgresLoginIsNoSuperuser() throws SQLException {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            assertEquals("f", single(db.dataSource(), "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
            assertThrows(SQLException.class, () -> execute(db.dataSource(), "CREATE DATABASE not_allowed"));
        }
    }

    @Test
    void mariaDbLoginIsNoAdministrator() {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MARIADB)) {
            assertThrows(SQLException.class, () -> execute(db.dataSource(), "CREATE DATABASE not_allowed"));
            assertThrows(SQLException.class, () -> execute(db.dataSource(), "SELECT * FROM mysql.user"));
        }
    }

    @Test
    void sharedServersListenOnLoopbackOutsideTheEphemeralRange() {
        for (DatabaseServer server : List.of(EmbeddedDatabases.postgres(), EmbeddedDatabases.mariaDb())) {
            assertEquals("127.0.0.1", server.host());
            assertTrue(server.port() > 1024 && server.port() < 32768, server + " port");
            assertTrue(server.isRunning());
        }
    }

    @Test
    void h2FileDatabaseKeepsRowsBetweenConnections() throws SQLException {
        try (TestDatabase db = TestDatabase.createH2File()) {
            writeRows(db.dataSource(), "kept");
            assertEquals(List.of("kept"), readRows(db.dataSource()));
        }
    }

    @Test
    void postgresComesBackWithItsDataAfterRestart() throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew()) {
            assertRestartKeepsData(server);
        }
    }

    @Test
    void mariaDbComesBackWithItsDataAfterRestart() throws SQLException {
        try (EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew()) {
            assertRestartKeepsData(server);
        }
    }

    private static void assertRestartKeepsData(DatabaseServer server) throws SQLException {
        try (TestDatabase db = server.createDatabase()) {
            writeRows(db.dataSource(), "before");
            int port = server.port();

            server.stop();
            assertFalse(server.isRunning());
            assertThrows(SQLException.class, () -> db.dataSource().getConnection().close());

            server.start();
            assertTrue(server.isRunning());
            assertEquals(port, server.port());
            assertEquals(List.of("before"), readRows(db.dataSource()));
        }
    }

    private static List<String> listDatabases(DatabaseKind kind) throws SQLException {
        DataSource admin = EmbeddedDatabases.server(kind).adminDataSource();
        String sql = kind == DatabaseKind.POSTGRESQL ? "SELECT datname FROM pg_database" : "SHOW DATABASES";
        return query(admin, sql);
    }

    private static void writeRows(DataSource dataSource, String value) throws SQLException {
        execute(dataSource, "CREATE TABLE item (id INT PRIMARY KEY, label VARCHAR(20))");
        execute(dataSource, "INSERT INTO item (id, label) VALUES (1, '" + value + "')");
    }

    private static List<String> readRows(DataSource dataSource) throws SQLException {
        return query(dataSource, "SELECT label FROM item ORDER BY id");
    }

    private static String single(DataSource dataSource, String sql) throws SQLException {
        List<String> rows = query(dataSource, sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
