/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;

/**
 * A synced table as its row events show it: the name the server logs, how many columns a row image has, and where
 * the key columns sit and how their logged values become what JDBC reads from them (a row event carries no column
 * names, and gives text as the bytes of the column's character set).
 */
final class LoggedTable {

    /** MySQL character sets of text key columns, by the Java charset that decodes them. */
    private static final Map<String, Charset> CHARSETS = new HashMap<>();

    static {
        CHARSETS.put("utf8mb4", StandardCharsets.UTF_8);
        CHARSETS.put("utf8mb3", StandardCharsets.UTF_8);
        CHARSETS.put("utf8", StandardCharsets.UTF_8);
        CHARSETS.put("ascii", StandardCharsets.US_ASCII);
        // MySQL's latin1 is Windows-1252, not ISO 8859-1 (0x80-0x9F are letters and signs there)
        CHARSETS.put("latin1", Charset.forName("windows-1252"));
        CHARSETS.put("ucs2", StandardCharsets.UTF_16BE);
        CHARSETS.put("utf16", StandardCharsets.UTF_16BE);
        CHARSETS.put("utf16le", StandardCharsets.UTF_16LE);
        CHARSETS.put("utf32", Charset.forName("UTF-32BE"));
    }

    private final SyncTable table;
    private final String loggedName;
    private final int columnCount;
    private final List<Key> key;

    private LoggedTable(SyncTable table, String loggedName, int columnCount, List<Key> key) {
        this.table = table;
        this.loggedName = loggedName;
        this.columnCount = columnCount;
        this.key = key;
    }

    /**
     * The synced tables of the schema of {@code connection}, read from {@code information_schema}; a table that is
     * missing, or a key column of a type the reader does not turn into JDBC's value, is an error naming it.
     */
    static List<LoggedTable> read(Connection connection, List<SyncTable> tables) throws SQLException {
        boolean mariaDb = BinlogServer.of(connection).isMariaDb();
        List<LoggedTable> read = new ArrayList<>();
        for (SyncTable table : tables) {
            read.add(read(connection, table, mariaDb));
        }
        return Collections.unmodifiableList(read);
    }

    private static LoggedTable read(Connection connection, SyncTable table, boolean mariaDb) throws SQLException {
        String loggedName = null;
        Map<String, Key> byName = new HashMap<>();
        int columns = 0;
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, "
                + "DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLUMN_DEFAULT FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (loggedName != null && !loggedName.equals(name)) {
                        throw new SQLException("the source schema holds both " + loggedName + " and " + name
                                + ", and log capture cannot tell which is the IS table " + table);
                    }
                    loggedName = name;
                    columns++;
                    byName.put(rs.getString(2).toUpperCase(Locale.ROOT), new Key(table, rs.getString(2),
                            rs.getInt(3) - 1, rs.getString(4), rs.getString(5), rs.getString(6),
                            defaultValue(rs.getString(7), mariaDb)));
                }
            }
        }
        if (loggedName == null) {
            throw new SQLException("the source schema has no table " + table);
        }
        List<Key> key = new ArrayList<>();
        for (KeyColumn column : TableDefinitions.primaryKey(table)) {
            Key k = byName.get(column.getName());
            if (k == null) {
                throw new SQLException("table " + loggedName + " has no key column " + column.getName());
            }
            k.checkReadable();
            key.add(k);
        }
        return new LoggedTable(table, loggedName, columns, Collections.unmodifiableList(key));
    }

    /**
     * A column's default as a literal, or null where it has none or it is an expression. MariaDB 10.2.7+ writes
     * text literals quoted and a missing default as the text NULL; MySQL writes the bare value, and SQL NULL.
     */
    private static String defaultValue(String catalogDefault, boolean mariaDb) {
        if (catalogDefault == null || mariaDb && "NULL".equals(catalogDefault)) {
            return null;
        }
        if (!mariaDb) {
            return catalogDefault;
        }
        if (catalogDefault.length() >= 2 && catalogDefault.startsWith("'") && catalogDefault.endsWith("'")) {
            return catalogDefault.substring(1, catalogDefault.length() - 1).replace("''", "'");
        }
        return catalogDefault.matches("-?\\d+") ? catalogDefault : null;
    }

    SyncTable getTable() {
        return table;
    }

    /** The table name as the server writes it into table-map events. */
    String getLoggedName() {
        return loggedName;
    }

    int getColumnCount() {
        return columnCount;
    }

    /**
     * A locking read of one key: it waits while a transaction that changed the row (or inserts it) has not yet
     * committed in InnoDB.
     */
    String lockingRead() {
        StringBuilder sql = new StringBuilder("SELECT 1 FROM ").append(quote(loggedName)).append(" WHERE ");
        for (int i = 0; i < key.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(quote(key.get(i).name)).append(" = ?");
        }
        return sql.append(" LOCK IN SHARE MODE").toString();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * The key of one row image, typed as JDBC reads it, or null where the image leaves a key column out. A row
     * image holds only the {@code included} columns, in column order.
     */
    Object[] key(Serializable[] image, BitSet included) {
        return key(image, included, false);
    }

    /**
     * The key of an inserted row: a minimal row image leaves out the columns the insert did not set, which took
     * their literal default; null where such a column's default is not a literal.
     */
    Object[] insertedKey(Serializable[] image, BitSet included) {
        return key(image, included, true);
    }

    private Object[] key(Serializable[] image, BitSet included, boolean defaults) {
        Object[] values = new Object[key.size()];
        for (int i = 0; i < values.length; i++) {
            Key k = key.get(i);
            if (!included.get(k.ordinal)) {
                if (!defaults || k.defaultValue == null) {
                    return null;
                }
                values[i] = k.defaultValue;
                continue;
            }
            values[i] = k.value(image[included.get(0, k.ordinal).cardinality()]);
        }
        return values;
    }

    /**
     * The key after an update: a minimal row image ({@code binlog_row_image = MINIMAL}) holds only the columns the
     * update set, so a key column it leaves out kept its value from the image before.
     */
    Object[] keyAfter(Object[] before, Serializable[] image, BitSet included) {
        Object[] values = before.clone();
        for (int i = 0; i < values.length; i++) {
            Key k = key.get(i);
            if (included.get(k.ordinal)) {
                values[i] = k.value(image[included.get(0, k.ordinal).cardinality()]);
            }
        }
        return values;
    }

    /** A key column: where it sits in a row, and its logged value as JDBC's. */
    private static final class Key {

        private final SyncTable table;
        private final String name;
        private final int ordinal;
        private final String dataType;
        private final String columnType;
        private final String charsetName;
        /** The column's literal default, typed as JDBC reads the column, or null. */
        private Object defaultValue;
        private final String defaultText;

        Key(SyncTable table, String name, int ordinal, String dataType, String columnType, String charsetName,
                String defaultText) {
            this.table = table;
            this.name = name;
            this.ordinal = ordinal;
            this.dataType = dataType.toLowerCase(Locale.ROOT);
            this.columnType = columnType.toLowerCase(Locale.ROOT);
            this.charsetName = charsetName == null ? null : charsetName.toLowerCase(Locale.ROOT);
            this.defaultText = defaultText;
        }

        void checkReadable() throws SQLException {
            boolean text = "varchar".equals(dataType) || "char".equals(dataType);
            boolean integer = "int".equals(dataType) || "bigint".equals(dataType) && !unsigned();
            if (!text && !integer) {
                throw new SQLException("table " + table + " key column " + name + " is " + columnType
                        + " there, which log capture does not read (it reads INT, signed BIGINT, CHAR and VARCHAR "
                        + "keys)");
            }
            if (text && !CHARSETS.containsKey(charsetName)) {
                throw new SQLException("table " + table + " key column " + name + " has the character set "
                        + charsetName + ", which log capture does not decode (it decodes " + CHARSETS.keySet() + ")");
            }
            if (defaultText != null) {
                defaultValue = text ? defaultText : integerDefault();
            }
        }

        private Object integerDefault() {
            try {
                long v = Long.parseLong(defaultText.trim());
                return "bigint".equals(dataType) || unsigned() ? (Object) v : (Object) (int) v;
            } catch (NumberFormatException e) {
                // an expression: no literal to take
                return null;
            }
        }

        private boolean unsigned() {
            return columnType.contains("unsigned");
        }

        /**
         * The binary log gives an INT as a signed Integer whatever its declaration, a BIGINT as a Long, and CHAR and
         * VARCHAR as bytes (the reader asks for bytes); JDBC reads INT as Integer, INT UNSIGNED as Long.
         */
        Object value(Serializable logged) {
            if (logged == null) {
                return null;
            }
            switch (dataType) {
                case "int":
                    int i = ((Number) logged).intValue();
                    return unsigned() ? (Object) (i & 0xFFFFFFFFL) : (Object) i;
                case "bigint":
                    return ((Number) logged).longValue();
                default:
                    return new String((byte[]) logged, CHARSETS.get(charsetName));
            }
        }
    }
}
