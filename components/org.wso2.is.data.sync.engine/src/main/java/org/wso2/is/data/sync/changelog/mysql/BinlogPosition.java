/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import com.github.shyiko.mysql.binlog.GtidSet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where reading the binary log starts, as the text the contract stores: a MySQL GTID set
 * ({@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77}), a MariaDB GTID position ({@code 0-1-42}, one per domain,
 * comma-separated) or a binary log file and offset ({@code mysql-bin.000003:1234}). The three shapes cannot be
 * mistaken for one another: a MySQL set starts with a UUID, a MariaDB one is only digits and dashes, a file position
 * ends in {@code :<digits>} after a name with no UUID.
 */
public final class BinlogPosition {

    /** The three ways a MySQL or MariaDB server can be asked for its log. */
    public enum Kind { FILE, MYSQL_GTID, MARIADB_GTID }

    private static final Pattern MARIADB_GTID = Pattern.compile("\\d+-\\d+-\\d+(,\\d+-\\d+-\\d+)*");
    private static final Pattern MYSQL_GTID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
            + "[0-9a-f]{12}(:[0-9a-z_]+)?(:\\d+(-\\d+)?)+(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
            + "[0-9a-f]{12}(:[0-9a-z_]+)?(:\\d+(-\\d+)?)+)*");
    private static final Pattern FILE = Pattern.compile("[^:\\s]+:\\d+");

    private final Kind kind;
    private final String text;

    private BinlogPosition(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    public static BinlogPosition file(String file, long offset) {
        return new BinlogPosition(Kind.FILE, file + ":" + offset);
    }

    public static BinlogPosition mySqlGtid(String gtidSet) {
        return parse(gtidSet.replaceAll("\\s", ""), Kind.MYSQL_GTID);
    }

    public static BinlogPosition mariaDbGtid(String gtidPos) {
        return parse(gtidPos.replaceAll("\\s", ""), Kind.MARIADB_GTID);
    }

    /** A stored position; anything else is an error that quotes it (a position holds no secret). */
    public static BinlogPosition parse(String text) {
        String t = text == null ? "" : text.trim();
        if (MARIADB_GTID.matcher(t).matches()) {
            return new BinlogPosition(Kind.MARIADB_GTID, t);
        }
        if (MYSQL_GTID.matcher(t.toLowerCase(Locale.ROOT)).matches()) {
            return new BinlogPosition(Kind.MYSQL_GTID, t);
        }
        if (FILE.matcher(t).matches()) {
            return new BinlogPosition(Kind.FILE, t);
        }
        throw new IllegalArgumentException("'" + t + "' is not a MySQL/MariaDB binary log position (a GTID set such "
                + "as 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77, a MariaDB GTID position such as 0-1-42, or "
                + "file:offset such as mysql-bin.000003:1234)");
    }

    private static BinlogPosition parse(String text, Kind expected) {
        BinlogPosition p = parse(text);
        if (p.kind != expected) {
            throw new IllegalArgumentException("'" + text + "' is not a " + expected + " position");
        }
        return p;
    }

    public Kind getKind() {
        return kind;
    }

    /** The binary log file of a {@link Kind#FILE} position. */
    public String getFile() {
        requireFile();
        return text.substring(0, text.lastIndexOf(':'));
    }

    /** The byte offset in {@link #getFile()} of a {@link Kind#FILE} position. */
    public long getOffset() {
        requireFile();
        return Long.parseLong(text.substring(text.lastIndexOf(':') + 1));
    }

    private void requireFile() {
        if (kind != Kind.FILE) {
            throw new IllegalStateException(text + " is a GTID position, not a file position");
        }
    }

    /**
     * Whether reading has come at least as far as {@code goal} (a {@link BinlogServer#currentPosition} of the same
     * kind): a later file, or the same file at or past its offset; every GTID of a MySQL goal set; in every
     * MariaDB domain of the goal, its sequence number or a later one.
     */
    public boolean reached(BinlogPosition goal) {
        if (goal.kind != kind) {
            throw new IllegalArgumentException("the positions " + text + " and " + goal.text + " are of different "
                    + "kinds and cannot be compared");
        }
        switch (kind) {
            case FILE:
                int files = compareFiles(getFile(), goal.getFile());
                return files > 0 || files == 0 && getOffset() >= goal.getOffset();
            case MYSQL_GTID:
                return new GtidSet(goal.text).isContainedWithin(new GtidSet(text));
            default:
                Map<String, Long> mine = mariaDbSequences(text);
                for (Map.Entry<String, Long> wanted : mariaDbSequences(goal.text).entrySet()) {
                    Long have = mine.get(wanted.getKey());
                    if (have == null || have < wanted.getValue()) {
                        return false;
                    }
                }
                return true;
        }
    }

    /** A MariaDB GTID position as sequence number per domain; the middle part, the server id, does not order. */
    private static Map<String, Long> mariaDbSequences(String position) {
        Map<String, Long> sequences = new HashMap<>();
        for (String gtid : position.split(",")) {
            if (!gtid.isEmpty()) {
                String[] parts = gtid.split("-");
                sequences.put(parts[0], Long.parseLong(parts[2]));
            }
        }
        return sequences;
    }

    /** Binary log files are numbered by their extension, which grows past six digits after 999999. */
    static int compareFiles(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        if (dotA > 0 && dotB > 0 && a.substring(0, dotA).equals(b.substring(0, dotB))) {
            try {
                return Long.compare(Long.parseLong(a.substring(dotA + 1)), Long.parseLong(b.substring(dotB + 1)));
            } catch (NumberFormatException e) {
                // not numbered: by name
            }
        }
        return a.compareTo(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinlogPosition && ((BinlogPosition) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The stored form. */
    @Override
    public String toString() {
        return text;
    }
}
