/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.SourceKeyColumn;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;

/**
 * Checks a database before anything is created: the synced tables exist with IS's primary keys and exactly the
 * columns of the configured IS version, and (where we create objects) the user may create them.
 */
final class Preflight {

    private final Connection connection;
    private final Dialect dialect;
    private final String where;

    Preflight(Connection connection, Dialect dialect, String where) {
        this.connection = connection;
        this.dialect = dialect;
        this.where = where;
    }

    /** The tables of {@code tables} that exist in the current schema. */
    List<SyncTable> existing(List<SyncTable> tables) throws SQLException {
        List<SyncTable> found = new ArrayList<>();
        for (SyncTable t : tables) {
            if (!columnsOf(t.name()).isEmpty()) {
                found.add(t);
            }
        }
        return found;
    }

    /** Problems with the tables' shape against IS {@code version}; empty when all is well. */
    List<String> checkTables(List<SyncTable> tables, ProductVersion version) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (SyncTable t : tables) {
            Set<String> actual = columnsOf(t.name());
            if (actual.isEmpty()) {
                problems.add(where + ": table " + t + " not found");
                continue;
            }
            Set<String> expected = new LinkedHashSet<>(TableDefinitions.columns(t, version));
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(actual);
            Set<String> extra = new LinkedHashSet<>(actual);
            extra.removeAll(expected);
            if (!missing.isEmpty()) {
                problems.add(where + ": table " + t + " lacks column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " of IS " + version);
            }
            if (!extra.isEmpty()) {
                problems.add(where + ": table " + t + " has column" + (extra.size() > 1 ? "s " : " ")
                        + String.join(", ", extra) + " that IS " + version + " does not have");
            }
            List<String> expectedKey = new ArrayList<>();
            for (KeyColumn k : TableDefinitions.primaryKey(t)) {
                expectedKey.add(k.getName());
            }
            List<String> key = primaryKeyOf(t.name());
            if (key.isEmpty()) {
                problems.add(where + ": table " + t + " has no primary key; IS defines ("
                        + String.join(", ", expectedKey) + ")");
            } else if (!new LinkedHashSet<>(key).equals(new LinkedHashSet<>(expectedKey))) {
                problems.add(where + ": table " + t + " has primary key (" + String.join(", ", key)
                        + "); IS defines (" + String.join(", ", expectedKey) + ")");
            }
        }
        return problems;
    }

    /**
     * The names of each table's capture objects in the current schema, with journal key columns copied from the
     * source catalog; a key column whose type a journal cannot copy is added to {@code problems}, naming table,
     * column, the source's type and IS's.
     */
    List<CaptureNames> journalNames(List<SyncTable> tables, List<String> problems) throws SQLException {
        List<CaptureNames> all = new ArrayList<>();
        String schema = connection.getSchema();
        for (SyncTable t : tables) {
            Map<String, SourceKeyColumn> catalog = dialect.readKeyColumns(connection, t.name());
            Map<String, String> types = new LinkedHashMap<>();
            for (KeyColumn k : TableDefinitions.primaryKey(t)) {
                SourceKeyColumn column = catalog.get(k.getName());
                String copied = column == null ? null : dialect.copiedKeyType(column);
                if (copied == null) {
                    problems.add(where + ": table " + t + " column " + k.getName() + " is " + column + " there, which "
                            + "a journal cannot copy (IS defines it as " + dialect.keyType(k) + ")");
                } else {
                    types.put(k.getName(), copied);
                }
            }
            all.add(CaptureNames.of(t).fromCatalog(schema, types));
        }
        return all;
    }

    /** A problem naming the privileges the user lacks, or none. */
    List<String> checkPrivileges(List<SyncTable> tables) throws SQLException {
        List<String> names = new ArrayList<>();
        for (SyncTable t : tables) {
            names.add(t.name());
        }
        List<String> missing = dialect.missingPrivileges(connection, names);
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(where + ": the user " + connection.getMetaData().getUserName()
                    + " may not create the capture tables and triggers; missing: " + String.join(", ", missing));
        }
        return problems;
    }

    private Set<String> columnsOf(String table) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        Set<String> columns = new LinkedHashSet<>();
        try (ResultSet rs = md.getColumns(connection.getCatalog(), connection.getSchema(), pattern(md, table), "%")) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    columns.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    private List<String> primaryKeyOf(String table) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        TreeMap<Short, String> key = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(connection.getCatalog(), connection.getSchema(),
                dialect.catalogName(table))) {
            while (rs.next()) {
                key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(key.values());
    }

    /** A metadata search pattern matching exactly {@code table}: {@code _} is a wildcard there. */
    private String pattern(DatabaseMetaData md, String table) throws SQLException {
        String escape = md.getSearchStringEscape();
        String name = dialect.catalogName(table);
        return escape == null || escape.isEmpty() ? name : name.replace("_", escape + "_");
    }
}
