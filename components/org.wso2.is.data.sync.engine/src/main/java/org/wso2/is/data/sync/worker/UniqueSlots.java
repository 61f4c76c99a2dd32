/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.transform.Rows;

/**
 * Finds the target rows that hold a unique value (CON_APP_KEY, or a primary key the target compares
 * case-insensitively) that a batch is about to write, while their own change is not in the batch. Journal ids need
 * not follow commit order (NOORDER identities on Oracle RAC and DB2 pureScale, Galera), so the update that freed a
 * slot on the source can come after the insert that took it: the stale target row must be brought to its source
 * state in the same transaction, or the batch is refused for ever.
 *
 * <p>The unique keys are read once from the target's catalog, so customised schemas are covered too.
 */
final class UniqueSlots {

    /** Under SQL Server's 2,100 parameters and Oracle's 1,000 OR terms. */
    private static final int MAX_PARAMETERS = 2000;
    private static final int MAX_TERMS = 500;

    private final Dialect dialect;
    private final String table;
    /** Consumer keys of the test applications whose rows the sync never touches on the target. */
    private final List<String> excludedApps;
    private List<List<String>> uniqueKeys;

    UniqueSlots(Dialect dialect, String table, List<String> excludedApps) {
        this.dialect = dialect;
        this.table = table;
        // Only tokens and codes belong to an application.
        this.excludedApps = "IDN_OAUTH2_ACCESS_TOKEN".equals(table) || "IDN_OAUTH2_AUTHORIZATION_CODE".equals(table)
                ? excludedApps : new ArrayList<String>();
    }

    /**
     * The primary keys (comparable values) of target rows other than {@code batchKeys} that hold a unique value
     * of one of {@code rows}, in the order found.
     */
    List<List<Object>> holders(Connection target, List<String> primaryKey, Rows rows,
                               Collection<List<Object>> batchKeys) throws SQLException {
        // As the lookups read them: a journal's INTEGER key is an Integer, the table's a Long.
        Set<List<Object>> own = new HashSet<>();
        for (List<Object> key : batchKeys) {
            own.add(KeyPredicate.comparable(key));
        }
        Set<List<Object>> holders = new LinkedHashSet<>();
        Map<Object, String> excluded = excludedAppIds(target);
        for (List<String> unique : uniqueKeys(target)) {
            int[] at = new int[unique.size()];
            boolean covered = true;
            for (int i = 0; i < at.length; i++) {
                at[i] = rows.indexOf(unique.get(i));
                covered &= at[i] >= 0;
            }
            if (!covered) {
                continue;
            }
            for (List<List<Object>> found : holdersOf(target, primaryKey, unique, at, rows.getValues(), excluded)) {
                for (List<Object> row : found) {
                    List<Object> key = new ArrayList<>(row.subList(0, primaryKey.size()));
                    if (own.contains(key)) {
                        continue;
                    }
                    // The heal would bring the row to its source state, i.e. delete it: a test app's row stays.
                    String app = row.size() > key.size() ? excluded.get(row.get(key.size())) : null;
                    if (app != null) {
                        throw new SQLException(table + ": the target row " + key
                                + " of the excluded test application '" + app + "' holds the unique value ("
                                + String.join(", ", unique) + ") a source change needs, and sync never touches an "
                                + "excluded application's rows: delete that application's tokens and codes on the "
                                + "target (operator guide, smoke test) and the batch goes through");
                    }
                    holders.add(key);
                }
            }
        }
        return new ArrayList<>(holders);
    }

    /** One lookup per chunk of rows: {@code (U1 = ? AND U2 IS NULL ...) OR ...}. */
    private List<List<List<Object>>> holdersOf(Connection target, List<String> primaryKey, List<String> unique,
                                               int[] at, List<Object[]> rows, Map<Object, String> excluded)
            throws SQLException {
        List<List<List<Object>>> found = new ArrayList<>();
        int perStatement = Math.max(1, Math.min(MAX_TERMS, MAX_PARAMETERS / unique.size()));
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            // With excluded apps, each key carries its CONSUMER_KEY_ID last.
            StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", primaryKey))
                    .append(excluded.isEmpty() ? "" : ", CONSUMER_KEY_ID").append(" FROM ")
                    .append(table).append(" WHERE ");
            List<Object> values = new ArrayList<>();
            for (int r = 0; r < chunk.size(); r++) {
                List<String> terms = new ArrayList<>();
                for (int i = 0; i < at.length; i++) {
                    Object v = chunk.get(r)[at[i]];
                    // SQL Server's unique constraints hold one NULL: a NULL may hold a slot there.
                    terms.add(unique.get(i) + (v == null ? " IS NULL" : " = ?"));
                    if (v != null) {
                        values.add(v);
                    }
                }
                sql.append(r == 0 ? "" : " OR ").append('(').append(String.join(" AND ", terms)).append(')');
            }
            List<List<Object>> keys = new ArrayList<>();
            try (PreparedStatement ps = target.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int width = primaryKey.size() + (excluded.isEmpty() ? 0 : 1);
                        List<Object> key = new ArrayList<>(width);
                        for (int i = 0; i < width; i++) {
                            key.add(KeyPredicate.comparable(rs.getObject(i + 1)));
                        }
                        keys.add(key);
                    }
                }
            }
            found.add(keys);
        }
        return found;
    }

    /** The target ids of the excluded apps (comparable values), each with its consumer key. */
    private Map<Object, String> excludedAppIds(Connection target) throws SQLException {
        Map<Object, String> ids = new HashMap<>();
        if (excludedApps.isEmpty()) {
            return ids;
        }
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < excludedApps.size(); i++) {
            marks.add("?");
        }
        try (PreparedStatement ps = target.prepareStatement("SELECT ID, CONSUMER_KEY FROM IDN_OAUTH_CONSUMER_APPS "
                + "WHERE CONSUMER_KEY IN (" + String.join(", ", marks) + ")")) {
            for (int i = 0; i < excludedApps.size(); i++) {
                ps.setString(i + 1, excludedApps.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(KeyPredicate.comparable(rs.getObject(1)), rs.getString(2));
                }
            }
        }
        return ids;
    }

    /** Whether the target's catalog holds {@code columns} (in any order) unique on this table. */
    boolean isUniqueKey(Connection target, List<String> columns) throws SQLException {
        Set<String> wanted = new HashSet<>();
        for (String c : columns) {
            wanted.add(c.toUpperCase(Locale.ROOT));
        }
        for (List<String> unique : uniqueKeys(target)) {
            if (new HashSet<>(unique).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The target table's unique keys, primary key included, column names upper-cased; read once. */
    private List<List<String>> uniqueKeys(Connection target) throws SQLException {
        if (uniqueKeys != null) {
            return uniqueKeys;
        }
        DatabaseMetaData md = target.getMetaData();
        Map<String, List<String>> byIndex = new LinkedHashMap<>();
        // The catalog spells unquoted names its own way (PostgreSQL lower case, most others upper case).
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(dialect.catalogName(table));
        spellings.add(table);
        spellings.add(table.toLowerCase(Locale.ROOT));
        for (String name : spellings) {
            try (ResultSet rs = md.getIndexInfo(target.getCatalog(), schema(target), name, true, true)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME");
                    if (column == null || rs.getBoolean("NON_UNIQUE")) {
                        continue;
                    }
                    String index = rs.getString("INDEX_NAME");
                    List<String> columns = byIndex.computeIfAbsent(index, k -> new ArrayList<>());
                    int position = rs.getShort("ORDINAL_POSITION");
                    while (columns.size() < position) {
                        columns.add(null);
                    }
                    columns.set(position - 1, column.toUpperCase(Locale.ROOT));
                }
            }
            if (!byIndex.isEmpty()) {
                break;
            }
        }
        List<List<String>> keys = new ArrayList<>();
        for (List<String> columns : byIndex.values()) {
            if (!columns.isEmpty() && !columns.contains(null)) {
                keys.add(columns);
            }
        }
        uniqueKeys = keys;
        return keys;
    }

    static String schema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            // Drivers before JDBC 4.1: the catalog and the connection's default schema are enough.
            return null;
        }
    }
}
