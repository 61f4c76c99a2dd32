/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The log-mode preflight and the starting position on real MariaDB servers: without a binary log, with
 * binlog_format = STATEMENT, and with a row log but a user who may not read it. The preflight only reads.
 */
class BinlogServerIT {

    private static final String FORMAT_FIX = "binlog_format is STATEMENT, and log capture reads only row events: as "
            + "an administrator run SET GLOBAL binlog_format = 'ROW' and set binlog_format = ROW in the server's "
            + "option file; sessions already open keep STATEMENT until they reconnect, so restart IS (or the server) "
            + "before prepare";

    @Test
    void aServerWithoutABinaryLogIsToldHowToTurnItOn() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB)) {
            IsSchema.create(src, "5.9.0");
            assertEquals(Arrays.asList("binary logging is off (log_bin = OFF), and log capture reads the binary log: "
                    + "add log_bin and binlog_format = ROW (and a server_id) to the [mysqld] section of the server's "
                    + "option file and restart the server; binary logging cannot be turned on while it runs",
                    missingGrants(src)), problems(src));
        }
    }

    @Test
    void statementFormatIsRefusedUntilTheFormatIsRow() throws Exception {
        try (EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew(
                EmbeddedMariaDbServer.binaryLogOptions("STATEMENT", "FULL"));
                TestDatabase src = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            grant(server, src);
            assertEquals(Collections.singletonList(FORMAT_FIX), problems(src));
            try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL binlog_format = 'ROW'");
            }
            assertEquals(Collections.emptyList(), problems(src));
        }
    }

    @Test
    void aUserWithoutReplicationPrivilegesIsToldTheGrantAndThePositionIsWhereTheLogEnds() throws Exception {
        try (EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew(
                EmbeddedMariaDbServer.binaryLogOptions("ROW", "MINIMAL"));
                TestDatabase src = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            assertEquals(Collections.singletonList(missingGrants(src)), problems(src));
            grant(server, src);
            Set<String> before = Catalog.snapshot(src);
            assertEquals(Collections.emptyList(), problems(src));
            assertEquals(before, Catalog.snapshot(src));

            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('x', 'y')");
                BinlogPosition position = BinlogServer.of(c).currentPosition(c);
                // MariaDB: its GTID position, which differs from MySQL's GTID set
                assertEquals(BinlogPosition.Kind.MARIADB_GTID, position.getKind());
                try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                    rs.next();
                    assertEquals(rs.getString(1), position.toString());
                }
            }
        }
    }

    private static void grant(DatabaseServer server, TestDatabase src) throws SQLException {
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + src.username() + "'@'%'");
        }
    }

    private static String missingGrants(TestDatabase src) {
        String grantee = "'" + src.username() + "'@'%'";
        return "the user " + grantee + " may not read the binary log; missing: REPLICATION SLAVE, BINLOG MONITOR: as an "
                + "administrator run GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + grantee;
    }

    private static List<String> problems(TestDatabase src) throws SQLException {
        try (Connection c = src.dataSource().getConnection()) {
            return BinlogServer.of(c).problems(c);
        }
    }
}
