/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** Every table, view, sequence, index, trigger and function of a test database's schema, as sorted names. */
public final class Catalog {

    private Catalog() {
    }

    public static Set<String> snapshot(TestDatabase db) throws SQLException {
        Set<String> objects = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String q : queries(db.kind())) {
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        objects.add(rs.getString(1).toUpperCase());
                    }
                }
            }
        }
        return objects;
    }

    private static List<String> queries(DatabaseKind kind) {
        switch (kind) {
            case H2:
                return Arrays.asList(
                        "SELECT 'TABLE ' || TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA()",
                        "SELECT 'TRIGGER ' || TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS",
                        "SELECT 'SEQUENCE ' || SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES",
                        "SELECT 'INDEX ' || INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = SCHEMA()");
            case POSTGRESQL:
                return Arrays.asList(
                        "SELECT 'REL ' || c.relkind || ' ' || c.relname FROM pg_class c JOIN pg_namespace n "
                                + "ON n.oid = c.relnamespace WHERE n.nspname = current_schema()",
                        "SELECT 'TRIGGER ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                + "WHERE n.nspname = current_schema() AND NOT t.tgisinternal",
                        "SELECT 'FUNCTION ' || p.proname FROM pg_proc p JOIN pg_namespace n "
                                + "ON n.oid = p.pronamespace WHERE n.nspname = current_schema()");
            default:
                return Arrays.asList(
                        "SELECT CONCAT('TABLE ', TABLE_NAME) FROM information_schema.TABLES "
                                + "WHERE TABLE_SCHEMA = DATABASE()",
                        "SELECT CONCAT('TRIGGER ', TRIGGER_NAME) FROM information_schema.TRIGGERS "
                                + "WHERE TRIGGER_SCHEMA = DATABASE()",
                        "SELECT CONCAT('ROUTINE ', ROUTINE_NAME) FROM information_schema.ROUTINES "
                                + "WHERE ROUTINE_SCHEMA = DATABASE()",
                        "SELECT CONCAT('INDEX ', TABLE_NAME, '.', INDEX_NAME) FROM information_schema.STATISTICS "
                                + "WHERE TABLE_SCHEMA = DATABASE()");
        }
    }
}
