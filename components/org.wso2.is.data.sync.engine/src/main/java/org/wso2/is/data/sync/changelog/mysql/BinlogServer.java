/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What log capture needs of a MySQL 5.7/8 or MariaDB 10.x source, asked before anything is created, and the position
 * reading starts from, taken at prepare. Read-only: nothing here changes the server.
 */
public final class BinlogServer {

    private static final Pattern MYSQL_VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    private final boolean mariaDb;
    private final int major;
    private final int minor;

    private BinlogServer(boolean mariaDb, int major, int minor) {
        this.mariaDb = mariaDb;
        this.major = major;
        this.minor = minor;
    }

    /** The server behind {@code connection}, told apart by its version string. */
    public static BinlogServer of(Connection connection) throws SQLException {
        String version = single(connection, "SELECT @@version");
        Matcher m = MYSQL_VERSION.matcher(version);
        if (!m.find()) {
            throw new SQLException("the server's version '" + version + "' is not a MySQL or MariaDB version");
        }
        return new BinlogServer(version.toLowerCase(Locale.ROOT).contains("mariadb"), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)));
    }

    public boolean isMariaDb() {
        return mariaDb;
    }

    /**
     * Everything that keeps log capture from working, each with its one-line fix; empty when all is in place. The
     * variables read are readable by every user.
     */
    public List<String> problems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!"1".equals(single(connection, "SELECT @@GLOBAL.log_bin"))) {
            problems.add("binary logging is off (log_bin = OFF), and log capture reads the binary log: add log_bin "
                    + "and binlog_format = ROW (and a server_id) to the [mysqld] section of the server's option file "
                    + "and restart the server; binary logging cannot be turned on while it runs");
        } else {
            String format = single(connection, "SELECT @@GLOBAL.binlog_format");
            if (!"ROW".equalsIgnoreCase(format)) {
                problems.add("binlog_format is " + format + ", and log capture reads only row events: as an "
                        + "administrator run SET GLOBAL binlog_format = 'ROW' and set binlog_format = ROW in the "
                        + "server's option file; sessions already open keep " + format + " until they reconnect, so "
                        + "restart IS (or the server) before prepare");
            }
            // MariaDB's compressed row events and MySQL's compressed transactions come as events the reader cannot
            // open: a change would go by unread
            if (mariaDb && isOn(variable(connection, "log_bin_compress"))) {
                problems.add("log_bin_compress is ON, and log capture cannot read compressed row events: as an "
                        + "administrator run SET GLOBAL log_bin_compress = OFF and set it in the server's option file");
            }
            // the reader's commit barrier waits for a chunk's last transaction only: earlier ones must commit first
            if (!mariaDb && "OFF".equalsIgnoreCase(variable(connection, "binlog_order_commits"))) {
                problems.add("binlog_order_commits is OFF, and log capture relies on InnoDB committing transactions "
                        + "in binary log order: as an administrator run SET GLOBAL binlog_order_commits = ON and set "
                        + "it in the server's option file");
            }
            if (!mariaDb && isOn(variable(connection, "binlog_transaction_compression"))) {
                problems.add("binlog_transaction_compression is ON, and log capture cannot read compressed "
                        + "transactions: as an administrator run SET GLOBAL binlog_transaction_compression = OFF and "
                        + "set it in the server's option file");
            }
        }
        String grantee = grantee(connection);
        Set<String> held = globalPrivileges(connection, grantee);
        List<String> missing = new ArrayList<>();
        if (!held.contains("REPLICATION SLAVE")) {
            missing.add("REPLICATION SLAVE");
        }
        // MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR and keeps the old name as an alias in GRANT
        if (!held.contains("REPLICATION CLIENT") && !held.contains("BINLOG MONITOR") && !held.contains("SUPER")) {
            missing.add(mariaDb && atLeast(10, 5) ? "BINLOG MONITOR" : "REPLICATION CLIENT");
        }
        if (!missing.isEmpty()) {
            problems.add("the user " + grantee + " may not read the binary log; missing: " + String.join(", ", missing)
                    + ": as an administrator run GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + grantee);
        }
        return problems;
    }

    /**
     * Where the log ends now, which is where reading starts after prepare: the executed GTID set on MySQL with
     * gtid_mode = ON, the binary log's GTID position on MariaDB (every MariaDB 10 transaction has a GTID), else the
     * current file and offset, which are also what an empty GTID state (nothing logged yet) falls back to.
     */
    public BinlogPosition currentPosition(Connection connection) throws SQLException {
        if (mariaDb) {
            String gtid = single(connection, "SELECT @@GLOBAL.gtid_binlog_pos");
            if (gtid != null && !gtid.trim().isEmpty()) {
                return BinlogPosition.mariaDbGtid(gtid);
            }
        } else if ("ON".equalsIgnoreCase(variable(connection, "gtid_mode"))) {
            String gtid = single(connection, "SELECT @@GLOBAL.gtid_executed");
            if (gtid != null && !gtid.trim().isEmpty()) {
                return BinlogPosition.mySqlGtid(gtid);
            }
        }
        return filePosition(connection);
    }

    private BinlogPosition filePosition(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(statusStatement())) {
            if (!rs.next()) {
                throw new SQLException("the server shows no binary log status (" + statusStatement() + " returned no "
                        + "row): binary logging is off");
            }
            return BinlogPosition.file(rs.getString("File"), rs.getLong("Position"));
        }
    }

    /**
     * The end of the binary log now in the same form as {@code like} (a stored position): a drain compares the two
     * with {@link BinlogPosition#reached}, and a reader that started from a file position (an empty GTID state at
     * prepare) goes on in that form.
     */
    public BinlogPosition currentPosition(Connection connection, BinlogPosition.Kind like) throws SQLException {
        BinlogPosition now = currentPosition(connection);
        if (now.getKind() == like) {
            return now;
        }
        if (like == BinlogPosition.Kind.FILE) {
            return filePosition(connection);
        }
        throw new SQLException("the source now gives binary log positions as " + now.getKind() + ", the stored one "
                + "is " + like + ": prepare again");
    }

    /**
     * How far {@code position} is behind the end of the binary log: the files after its own, and the bytes from it to
     * the end; null where the log no longer holds it (purged). A GTID position's file is the newest one that starts
     * at or before it (the GTID state each file begins with, MySQL's Previous_gtids, MariaDB's Gtid_list), and its
     * bytes count from that file's start. Needs the REPLICATION CLIENT (BINLOG MONITOR) privilege the preflight
     * asks for.
     */
    public BinlogLag lag(Connection connection, BinlogPosition position) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                sizes.add(rs.getLong(2));
            }
        }
        int at = -1;
        long offset = 0;
        if (position.getKind() == BinlogPosition.Kind.FILE) {
            at = names.indexOf(position.getFile());
            offset = position.getOffset();
        } else {
            for (int i = names.size() - 1; i >= 0 && at < 0; i--) {
                String start = startingState(connection, names.get(i), position.getKind());
                // an empty state: the file starts before any GTID, so every position is at or after its start
                if (start != null && (start.isEmpty() || position.reached(position.getKind()
                        == BinlogPosition.Kind.MARIADB_GTID ? BinlogPosition.mariaDbGtid(start)
                        : BinlogPosition.mySqlGtid(start)))) {
                    at = i;
                }
            }
        }
        if (at < 0) {
            return null;
        }
        long bytes = Math.max(0, sizes.get(at) - offset);
        for (int i = at + 1; i < names.size(); i++) {
            bytes += sizes.get(i);
        }
        return new BinlogLag(names.size() - 1 - at, bytes);
    }

    /** The GTID state a binary log file starts with, as text (empty: none yet); null where its first events lack it. */
    private static String startingState(Connection connection, String file, BinlogPosition.Kind kind)
            throws SQLException {
        String wanted = kind == BinlogPosition.Kind.MARIADB_GTID ? "Gtid_list" : "Previous_gtids";
        try (PreparedStatement ps = connection.prepareStatement("SHOW BINLOG EVENTS IN ? LIMIT 4")) {
            ps.setString(1, file);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.equalsIgnoreCase(rs.getString("Event_type"))) {
                        return rs.getString("Info").replaceAll("[\\[\\]\\s]", "");
                    }
                }
            }
        }
        return null;
    }

    /** MySQL 8.2 renamed SHOW MASTER STATUS, and 8.4 dropped the old name; MariaDB keeps it as an alias. */
    String statusStatement() {
        return !mariaDb && atLeast(8, 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }

    private boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || major == wantedMajor && minor >= wantedMinor;
    }

    private static boolean isOn(String value) {
        return "ON".equalsIgnoreCase(value) || "1".equals(value);
    }

    /** A global variable, or null where this server has no such variable. */
    private static String variable(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SHOW GLOBAL VARIABLES LIKE ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(2) : null;
            }
        }
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** CURRENT_USER() gives {@code user@host}; the catalog writes {@code 'user'@'host'}. */
    private static String grantee(Connection connection) throws SQLException {
        String user = single(connection, "SELECT CURRENT_USER()");
        int at = user.lastIndexOf('@');
        return "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
    }

    private static Set<String> globalPrivileges(Connection connection, String grantee) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?")) {
            ps.setString(1, grantee);
            Set<String> held = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1).toUpperCase(Locale.ROOT));
                }
            }
            return Collections.unmodifiableSet(held);
        }
    }
}
