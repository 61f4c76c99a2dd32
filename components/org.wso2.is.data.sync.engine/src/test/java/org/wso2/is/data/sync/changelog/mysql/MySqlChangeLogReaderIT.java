/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLTransientException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.changelog.LogChunk;
import org.wso2.is.data.sync.changelog.LogGoneException;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.testkit.BlackHoleProxy;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The binary-log reader on a real MariaDB with a row-based binary log: exactly the committed key changes of the
 * synced tables, in commit order, and a restart from any chunk's position loses none.
 */
class MySqlChangeLogReaderIT {

    private static final List<SyncTable> ALL = Arrays.asList(SyncTable.values());
    private static EmbeddedMariaDbServer server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMariaDbServer.startNew(EmbeddedMariaDbServer.binaryLogOptions("ROW", "FULL"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Where a test starts reading: the GTID position prepare takes on MariaDB, or the file and offset. */
    enum Start { GTID, FILE }

    @ParameterizedTest
    @EnumSource(Start.class)
    void yieldsExactlyTheCommittedKeyChangesInCommitOrder(Start start) throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, start);
            exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (-1234, 'alice', 'k', 'v'), (1, 'bob', 'k', 'v')",
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, CONSUMER_KEY_ID, TOKEN_STATE, "
                            + "USER_TYPE, GRANT_TYPE) VALUES ('t1', 'a1', NULL, 'ACTIVE', 'APPLICATION_USER', 'pw')",
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) "
                            + "VALUES ('t1', 'openid', -1234)",
                    // not synced: no change
                    "INSERT INTO IDP (TENANT_ID, NAME) VALUES (-1234, 'idp1')",
                    "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'v2' WHERE USER_NAME = 'alice'",
                    // a key change comes as the old key's delete and the new key's update
                    "UPDATE IDN_IDENTITY_USER_DATA SET USER_NAME = 'Bob' WHERE USER_NAME = 'bob'",
                    "DELETE FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'alice'");
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY) VALUES (1, 'ghost', 'k')");
                c.rollback();
            }
            // the first to begin commits last: the log orders by commit
            try (Connection first = src.dataSource().getConnection(); Statement s1 = first.createStatement();
                    Connection second = src.dataSource().getConnection(); Statement s2 = second.createStatement()) {
                first.setAutoCommit(false);
                second.setAutoCommit(false);
                s1.execute("INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE, "
                        + "CONSUMER_KEY_ID) VALUES ('began-first', 'c1', NULL)");
                s2.execute("INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE, "
                        + "CONSUMER_KEY_ID) VALUES ('began-second', 'c2', NULL)");
                second.commit();
                first.commit();
            }
            // a 4-byte character in a utf8mb4 key
            exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY) "
                    + "VALUES (-1234, 'emoji\uD83D\uDE00', 'k')");

            List<LogChange> read;
            try (MySqlChangeLogReader reader = open(src, position)) {
                read = readAll(reader, 11);
            }
            assertEquals(Arrays.asList(
                    "IDN_IDENTITY_USER_DATA:I[-1234, alice, k]",
                    "IDN_IDENTITY_USER_DATA:I[1, bob, k]",
                    "IDN_OAUTH2_ACCESS_TOKEN:I[t1]",
                    "IDN_OAUTH2_ACCESS_TOKEN_SCOPE:I[t1, openid]",
                    "IDN_IDENTITY_USER_DATA:U[-1234, alice, k]",
                    "IDN_IDENTITY_USER_DATA:D[1, bob, k]",
                    "IDN_IDENTITY_USER_DATA:U[1, Bob, k]",
                    "IDN_IDENTITY_USER_DATA:D[-1234, alice, k]",
                    "IDN_OAUTH2_AUTHORIZATION_CODE:I[began-second]",
                    "IDN_OAUTH2_AUTHORIZATION_CODE:I[began-first]",
                    "IDN_IDENTITY_USER_DATA:I[-1234, emoji\uD83D\uDE00, k]"), texts(read));
            // typed as JDBC reads the key columns: INT as Integer, VARCHAR as String with the stored bytes
            List<Object> emoji = read.get(10).getKey();
            assertEquals(Integer.class, emoji.get(0).getClass());
            assertEquals(CaptureIT.query(src, "SELECT HEX(USER_NAME) FROM IDN_IDENTITY_USER_DATA "
                    + "WHERE USER_NAME LIKE 'emoji%'").get(0), hex(((String) emoji.get(1)).getBytes(
                    StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aTransactionLargerThanAChunkIsSplitAndOnlyItsLastChunkMovesThePosition() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String start = position(src, Start.GTID);
            exec(src, "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, TOKEN_STATE, USER_TYPE) VALUES "
                    + "('a1', 'x1', 'ACTIVE', 'APPLICATION'), ('a2', 'x2', 'ACTIVE', 'APPLICATION'), "
                    + "('a3', 'x3', 'ACTIVE', 'APPLICATION'), ('a4', 'x4', 'ACTIVE', 'APPLICATION'), "
                    + "('a5', 'x5', 'ACTIVE', 'APPLICATION')",
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, TOKEN_STATE, USER_TYPE) "
                            + "VALUES ('b1', 'y1', 'ACTIVE', 'APPLICATION')");
            List<LogChunk> chunks = new ArrayList<>();
            try (MySqlChangeLogReader reader = open(src, start)) {
                while (chunks.stream().mapToInt(c -> c.getChanges().size()).sum() < 6) {
                    LogChunk chunk = reader.poll(2, 5_000);
                    if (!chunk.getChanges().isEmpty()) {
                        chunks.add(chunk);
                    }
                }
            }
            assertEquals("[[a1, a2], [a3, a4], [a5], [b1]]", keysPerChunk(chunks).toString());
            assertEquals(start, chunks.get(0).getRestartPosition());
            assertEquals(start, chunks.get(1).getRestartPosition());
            assertNotEquals(start, chunks.get(2).getRestartPosition());

            // a restart from a split chunk's position reads its whole transaction again; from a later one, nothing
            // before it
            try (MySqlChangeLogReader reader = open(src, chunks.get(1).getRestartPosition())) {
                assertEquals(Arrays.asList("IDN_OAUTH2_ACCESS_TOKEN:I[a1]", "IDN_OAUTH2_ACCESS_TOKEN:I[a2]",
                        "IDN_OAUTH2_ACCESS_TOKEN:I[a3]", "IDN_OAUTH2_ACCESS_TOKEN:I[a4]",
                        "IDN_OAUTH2_ACCESS_TOKEN:I[a5]", "IDN_OAUTH2_ACCESS_TOKEN:I[b1]"),
                        texts(readAll(reader, 6)));
            }
            try (MySqlChangeLogReader reader = open(src, chunks.get(2).getRestartPosition())) {
                assertEquals(Arrays.asList("IDN_OAUTH2_ACCESS_TOKEN:I[b1]"), texts(readAll(reader, 1)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Start.class)
    void aRestartFromEveryReturnedPositionLosesNothing(Start start) throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, start);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                if (i % 7 == 6) {
                    // positions in the next binary log file, after a rotation
                    try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
                        s.execute("FLUSH BINARY LOGS");
                    }
                }
                exec(src, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('c" + i
                        + "', 'x')");
                expected.add("IDN_OAUTH2_AUTHORIZATION_CODE:I[c" + i + "]");
            }
            // read a few changes at a time, "store" the position, and start a new reader from it each time
            List<String> read = new ArrayList<>();
            for (int round = 0; round < 100 && read.size() < expected.size(); round++) {
                try (MySqlChangeLogReader reader = open(src, position)) {
                    LogChunk chunk = reader.poll(3, 5_000);
                    read.addAll(texts(chunk.getChanges()));
                    position = chunk.getRestartPosition();
                }
            }
            assertEquals(expected, read);
        }
    }

    @ParameterizedTest
    @EnumSource(Start.class)
    void aPositionWhoseLogWasPurgedIsAnErrorThatSaysToPrepareAgain(Start start) throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, start);
            exec(src, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('lost', 'x')");
            purgeUpTo(fileOf(position(src, Start.FILE)));
            LogGoneException e = assertThrows(LogGoneException.class, () -> {
                try (MySqlChangeLogReader reader = open(src, position)) {
                    for (int i = 0; i < 50; i++) {
                        reader.poll(10, 200);
                    }
                }
            });
            assertTrue(e.getMessage().startsWith("the source no longer has the binary log from " + position
                    + " on (the binary log of 127.0.0.1:" + server.port() + " (schema " + src.name() + ") says: "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("changes since then cannot be read, so log capture stops: it was "
                    + "purged before the sync read it (raise binlog_expire_logs_seconds or expire_logs_days), so "
                    + "prepare again and resync the synced tables"), e.getMessage());
        }
    }

    @Test
    void minimalRowImagesStillGiveEveryKey() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, Start.GTID);
            setRowImage("MINIMAL");
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO IDN_IDENTITY_USER_DATA (USER_NAME, DATA_KEY, DATA_VALUE) "
                        + "VALUES ('carol', 'k', 'v')");
                s.execute("UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'w' WHERE USER_NAME = 'carol'");
                s.execute("UPDATE IDN_IDENTITY_USER_DATA SET DATA_KEY = 'k2' WHERE USER_NAME = 'carol'");
                s.execute("DELETE FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'carol'");
            } finally {
                setRowImage("FULL");
            }
            try (MySqlChangeLogReader reader = open(src, position)) {
                assertEquals(Arrays.asList("IDN_IDENTITY_USER_DATA:I[-1234, carol, k]",
                        "IDN_IDENTITY_USER_DATA:U[-1234, carol, k]", "IDN_IDENTITY_USER_DATA:D[-1234, carol, k]",
                        "IDN_IDENTITY_USER_DATA:U[-1234, carol, k2]", "IDN_IDENTITY_USER_DATA:D[-1234, carol, k2]"),
                        texts(readAll(reader, 5)));
            }
        }
    }

    @Test
    void aChangeLoggedAsAStatementStopsTheReaderRatherThanPassingOverIt() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, Start.GTID);
            // a session that still writes with the statement format (one opened before binlog_format = ROW)
            try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET SESSION binlog_format = 'STATEMENT'");
                s.execute("INSERT INTO `" + src.name() + "`.IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, "
                        + "AUTHORIZATION_CODE) VALUES ('as-sql', 'x')");
            }
            try (MySqlChangeLogReader reader = open(src, position)) {
                LogGoneException e = assertThrows(LogGoneException.class, () -> readAll(reader, 1));
                assertTrue(e.getMessage().startsWith("the binary log of 127.0.0.1:" + server.port() + " (schema "
                        + src.name() + ") holds a change to a synced table logged as a statement, not as rows, at "
                        + "mariadb-bin."), e.getMessage());
                assertTrue(e.getMessage().endsWith(": a session of the source writes with binlog_format STATEMENT "
                        + "or MIXED (set before binlog_format = ROW, or by the session itself); reconnect every "
                        + "writer of the source (restart IS), then prepare again and resync the synced tables"),
                        e.getMessage());
            }
        }
    }

    @Test
    void aLostConnectionIsATransientError() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, Start.GTID);
            try (MySqlChangeLogReader reader = open(src, position)) {
                reader.poll(10, 100);
                try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("KILL CONNECTION " + CaptureIT.query(src,
                            "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump' AND USER = '"
                                    + src.username() + "'").get(0));
                }
                SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, () -> {
                    for (int i = 0; i < 100; i++) {
                        reader.poll(10, 100);
                    }
                });
                assertTrue(e.getMessage().startsWith("lost the connection reading the binary log of 127.0.0.1:"
                        + server.port() + " (schema " + src.name() + ") at mariadb-bin."), e.getMessage());
            }
        }
    }

    @Test
    void theLagCountsTheFilesAndBytesBehindTheLastReturnedPosition() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, Start.GTID);
            exec(src, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('a', 'x')");
            try (MySqlChangeLogReader reader = open(src, position);
                    Connection c = src.dataSource().getConnection()) {
                List<LogChange> changes = new ArrayList<>();
                LogChunk chunk = null;
                for (int i = 0; i < 50 && changes.isEmpty(); i++) {
                    chunk = reader.poll(10, 200);
                    changes.addAll(chunk.getChanges());
                }
                BinlogPosition gtid = BinlogPosition.parse(chunk.getRestartPosition());
                BinlogServer binlog = BinlogServer.of(c);
                assertEquals("0 binary log files (0 bytes) behind",
                        binlog.lag(c, reader.getRestartFilePosition()).toString());
                assertEquals(0, binlog.lag(c, gtid).getFiles());
                assertTrue(gtid.reached(binlog.currentPosition(c, BinlogPosition.Kind.MARIADB_GTID)));
                try (Connection admin = server.adminDataSource().getConnection();
                        Statement s = admin.createStatement()) {
                    s.execute("FLUSH BINARY LOGS");
                }
                exec(src, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('b', 'x')");
                BinlogLag lag = binlog.lag(c, reader.getRestartFilePosition());
                assertEquals(1, lag.getFiles());
                assertTrue(lag.getBytes() > 0, lag.toString());
                // a GTID position: its file is the newest that starts at or before it, here the new one, which
                // begins with the very GTID state the position holds
                assertEquals(0, binlog.lag(c, gtid).getFiles());
                assertTrue(!gtid.reached(binlog.currentPosition(c, BinlogPosition.Kind.MARIADB_GTID)));
                assertTrue(!reader.getRestartFilePosition().reached(
                        binlog.currentPosition(c, BinlogPosition.Kind.FILE)));
                // every file but a new, empty one purged: the change after both positions is gone, and so are they
                purgeUpTo(reader.getRestartFilePosition().getFile());
                assertEquals(null, binlog.lag(c, reader.getRestartFilePosition()));
                assertEquals(null, binlog.lag(c, gtid));
            }
        }
    }

    @Test
    void aConnectionThatFallsSilentIsTakenAsLostAfterThreeMissedHeartbeats() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants();
                BlackHoleProxy proxy = BlackHoleProxy.to(server.host(), server.port())) {
            String position = position(src, Start.GTID);
            try (MySqlChangeLogReader reader = MySqlChangeLogReader.open(src.dataSource(), new BinlogEndpoint(
                    server.host(), proxy.port(), src.username(), src.password()), ALL, position,
                    new BinlogSettings(BinlogSettings.defaults().getServerId(), 10_000, 1_000, 100, 2))) {
                exec(src, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('a', 'x')");
                assertEquals(1, readAll(reader, 1).size());
                // idle for longer than three heartbeat intervals: the heartbeats keep the connection
                assertEquals(0, reader.poll(10, 4_000).getChanges().size());
                proxy.blackHole();
                long started = System.nanoTime();
                SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, () -> {
                    for (int i = 0; i < 100; i++) {
                        reader.poll(10, 200);
                    }
                });
                assertEquals("no event or heartbeat from the binary log of 127.0.0.1:" + proxy.port() + " (schema "
                        + src.name() + ") for 3000 ms: the connection is taken as lost", e.getMessage());
                assertTrue(System.nanoTime() - started < 20_000_000_000L);
            }
        }
    }

    /**
     * A transaction reaches the binary log before InnoDB commits it; while its rows are locked, a worker could read
     * them as they were. A session holding the last row's lock stands in for that moment: the chunk is not handed
     * on, and after the bound the reader says why.
     */
    @Test
    void aChunkIsNotHandedOnWhileItsLastRowIsStillLocked() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, Start.GTID);
            exec(src, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('a', 'x')");
            try (Connection holder = src.dataSource().getConnection(); Statement s = holder.createStatement()) {
                holder.setAutoCommit(false);
                s.executeQuery("SELECT * FROM IDN_OAUTH2_AUTHORIZATION_CODE WHERE CODE_ID = 'a' FOR UPDATE").close();
                try (MySqlChangeLogReader reader = open(src, position)) {
                    SQLTransientException e = assertThrows(SQLTransientException.class, () -> readAll(reader, 1));
                    assertEquals("a transaction read from the binary log of 127.0.0.1:" + server.port() + " (schema "
                            + src.name() + ") that changed IDN_OAUTH2_AUTHORIZATION_CODE is still not committed in "
                            + "InnoDB after 2 s (a session holds a lock on the row); its keys are not handed on until "
                            + "it is", e.getMessage());
                }
                holder.commit();
            }
            try (MySqlChangeLogReader reader = open(src, position)) {
                assertEquals(Arrays.asList("IDN_OAUTH2_AUTHORIZATION_CODE:I[a]"), texts(readAll(reader, 1)));
            }
        }
    }

    @Test
    void aUserWhoMayNotReadTheBinaryLogIsToldTheGrant() throws Exception {
        try (TestDatabase src = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            String position;
            try (Connection c = server.adminDataSource().getConnection()) {
                position = BinlogServer.of(c).currentPosition(c).toString();
            }
            SQLNonTransientException e = assertThrows(SQLNonTransientException.class, () -> {
                try (MySqlChangeLogReader reader = open(src, position)) {
                    readAll(reader, 1);
                }
            });
            assertTrue(e.getMessage().startsWith("the user " + src.username() + " may not read the binary log of "
                    + "127.0.0.1:" + server.port() + " (schema " + src.name() + ") ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("): as an administrator run GRANT REPLICATION SLAVE, REPLICATION "
                    + "CLIENT ON *.* TO the user"), e.getMessage());
        }
    }

    @Test
    void acknowledgeChangesNothingOnTheServer() throws Exception {
        try (TestDatabase src = sourceWithReplicationGrants()) {
            String position = position(src, Start.GTID);
            exec(src, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE) VALUES ('a', 'x')");
            try (MySqlChangeLogReader reader = open(src, position)) {
                LogChunk chunk = reader.poll(10, 5_000);
                reader.acknowledge(chunk.getRestartPosition());
            }
            // the same position reads the same change again: the server kept its log as it was
            try (MySqlChangeLogReader reader = open(src, position)) {
                assertEquals(Arrays.asList("IDN_OAUTH2_AUTHORIZATION_CODE:I[a]"), texts(readAll(reader, 1)));
            }
        }
    }

    /**
     * Starts a new binary log file and purges every one before it, until {@code file} is gone: MariaDB keeps a file
     * until InnoDB has its commits on disk (its binlog checkpoint), so the purge is repeated, within a bound.
     */
    private static void purgeUpTo(String file) throws Exception {
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("FLUSH BINARY LOGS");
            String newest;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                newest = rs.getString(1);
            }
            Poll.until("purge of " + file, Duration.ofSeconds(30), () -> {
                s.execute("PURGE BINARY LOGS TO '" + newest + "'");
                try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
                    rs.next();
                    return rs.getString(1).compareTo(file) > 0;
                }
            });
        }
    }

    private static String fileOf(String position) {
        return BinlogPosition.parse(position).getFile();
    }

    /** For the sessions that start from now on. */
    private static void setRowImage(String image) throws SQLException {
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL binlog_row_image = '" + image + "'");
        }
    }

    static TestDatabase sourceWithReplicationGrants() throws Exception {
        TestDatabase src = server.createDatabase();
        IsSchema.create(src, "5.9.0");
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + src.username() + "'@'%'");
        }
        return src;
    }

    private static String position(TestDatabase src, Start start) throws SQLException {
        try (Connection c = src.dataSource().getConnection()) {
            BinlogServer binlog = BinlogServer.of(c);
            BinlogPosition p = binlog.currentPosition(c);
            if (start == Start.GTID) {
                assertEquals(BinlogPosition.Kind.MARIADB_GTID, p.getKind());
                return p.toString();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                return BinlogPosition.file(rs.getString(1), rs.getLong(2)).toString();
            }
        }
    }

    static MySqlChangeLogReader open(TestDatabase src, String position) throws SQLException {
        return MySqlChangeLogReader.open(src.dataSource(), new BinlogEndpoint(server.host(), server.port(),
                src.username(), src.password()), ALL, position, new BinlogSettings(BinlogSettings.defaults()
                .getServerId(), 10_000, 1_000, 100, 2));
    }

    /** Polls until {@code count} changes are in, then once more to show that none follows. */
    private static List<LogChange> readAll(MySqlChangeLogReader reader, int count) throws SQLException {
        List<LogChange> read = new ArrayList<>();
        for (int i = 0; i < 100 && read.size() < count; i++) {
            read.addAll(reader.poll(1000, 200).getChanges());
        }
        read.addAll(reader.poll(1000, 500).getChanges());
        return read;
    }

    private static List<String> texts(List<LogChange> changes) {
        List<String> texts = new ArrayList<>();
        for (LogChange c : changes) {
            texts.add(c.toString());
        }
        return texts;
    }

    private static List<List<Object>> keysPerChunk(List<LogChunk> chunks) {
        List<List<Object>> keys = new ArrayList<>();
        for (LogChunk chunk : chunks) {
            List<Object> k = new ArrayList<>();
            for (LogChange c : chunk.getChanges()) {
                k.addAll(c.getKey());
            }
            keys.add(k);
        }
        return keys;
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02X", x));
        }
        return b.toString();
    }

    static void exec(TestDatabase db, String... statements) throws SQLException {
        CaptureIT.exec(db, statements);
    }

    @Test
    void positionTextsAreToldApart() {
        assertEquals(BinlogPosition.Kind.MARIADB_GTID, BinlogPosition.parse("0-1-42,1-2-7").getKind());
        assertEquals(BinlogPosition.Kind.MYSQL_GTID, BinlogPosition.parse(
                "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-77,3e11fa47-71ca-11e1-9e33-c80aa9429563:1:3-4").getKind());
        assertTrue(BinlogPosition.parse("0-1-42,1-2-7").reached(BinlogPosition.parse("0-5-42,1-2-6")));
        assertTrue(!BinlogPosition.parse("0-1-42").reached(BinlogPosition.parse("0-1-42,1-2-6")));
        assertTrue(BinlogPosition.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77").reached(
                BinlogPosition.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:5-77")));
        assertTrue(!BinlogPosition.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-76").reached(
                BinlogPosition.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77")));
        assertTrue(BinlogPosition.parse("b.1000000:4").reached(BinlogPosition.parse("b.999999:900")));
        assertTrue(!BinlogPosition.parse("b.000003:4").reached(BinlogPosition.parse("b.000003:5")));
        BinlogPosition file = BinlogPosition.parse("mysql-bin.000003:1234");
        assertArrayEquals(new Object[] {"mysql-bin.000003", 1234L}, new Object[] {file.getFile(), file.getOffset()});
        assertEquals("'0/16B3748' is not a MySQL/MariaDB binary log position (a GTID set such as "
                + "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77, a MariaDB GTID position such as 0-1-42, or file:offset "
                + "such as mysql-bin.000003:1234)", assertThrows(IllegalArgumentException.class,
                        () -> BinlogPosition.parse("0/16B3748")).getMessage());
    }
}
