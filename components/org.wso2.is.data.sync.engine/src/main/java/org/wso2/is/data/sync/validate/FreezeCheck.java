/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.schema.FreezeTables;

/**
 * Freeze drift: the tables the endpoint freeze protects ({@link FreezeTables}), source against target, with the
 * bounded bucket comparison of {@link TableComparer}. Where both sides have the same columns, every column of
 * every row is compared (row count and checksum, then the differing keys); where the IS migration changed the
 * table ({@link FreezeTables#shapeChanges}) or the two databases' columns differ, only the row count and the keys.
 * A table absent on a side is reported as not compared.
 */
final class FreezeCheck {

    /** What one protected table showed. */
    static final class Result {
        final String table;
        /** {@code content} or {@code keys}; null when not compared. */
        final String compared;
        final String notCompared;
        final long sourceRows;
        final long targetRows;
        final Map<TableDifferences.Kind, Long> counts = new EnumMap<>(TableDifferences.Kind.class);
        final Map<TableDifferences.Kind, TreeSet<String>> first = new EnumMap<>(TableDifferences.Kind.class);
        int unexplainedBuckets;

        Result(String table, String compared, String notCompared, long sourceRows, long targetRows) {
            this.table = table;
            this.compared = compared;
            this.notCompared = notCompared;
            this.sourceRows = sourceRows;
            this.targetRows = targetRows;
            for (TableDifferences.Kind k : TableDifferences.Kind.values()) {
                counts.put(k, 0L);
                first.put(k, new TreeSet<>());
            }
        }

        boolean drifted() {
            long n = unexplainedBuckets + (sourceRows != targetRows ? 1 : 0);
            for (long c : counts.values()) {
                n += c;
            }
            return compared != null && n > 0;
        }

        String describe() {
            if (compared == null) {
                return "freeze " + table + ": not compared (" + notCompared + ")";
            }
            StringBuilder sb = new StringBuilder("freeze " + table + " (by " + compared + "): " + sourceRows
                    + " rows on the source, " + targetRows + " on the target");
            for (TableDifferences.Kind k : TableDifferences.Kind.values()) {
                long n = counts.get(k);
                if (n > 0) {
                    List<String> shown = new ArrayList<>();
                    for (String key : first.get(k)) {
                        shown.add("(" + key + ")");
                    }
                    sb.append("; ").append(n).append(' ').append(what(k)).append(": ")
                            .append(String.join(" ", shown)).append(n > shown.size() ? " and " + (n - shown.size())
                            + " more" : "");
                }
            }
            if (unexplainedBuckets > 0) {
                sb.append("; ").append(unexplainedBuckets).append(" key buckets differ with no single key found "
                        + "(the table changed during validation?)");
            }
            return sb.append(drifted() ? "" : "; unchanged since the dump").toString();
        }

        private static String what(TableDifferences.Kind k) {
            switch (k) {
                case MISSING:
                    return "added or changed on the source (missing on the target)";
                case EXTRA:
                    return "only on the target (deleted on the source, or added on the target)";
                default:
                    return "different";
            }
        }
    }

    private final SyncConfiguration config;
    private final StopSignal stop;

    FreezeCheck(SyncConfiguration config, StopSignal stop) {
        this.config = config;
        this.stop = stop;
    }

    /** The protected tables to compare: {@code freezeTables}, or every listed one. */
    List<FreezeTables.Table> tables() {
        List<FreezeTables.Table> chosen = new ArrayList<>();
        for (FreezeTables.Table t : FreezeTables.of(config.getSourceVersion())) {
            if (config.getFreezeTables() == null || config.getFreezeTables().contains(t.getName())) {
                chosen.add(t);
            }
        }
        return chosen;
    }

    /**
     * Compares {@code table}; {@code s} and {@code t} with auto-commit off (streams), {@code lookups} a source
     * connection with auto-commit on.
     */
    Result compare(FreezeTables.Table table, Connection s, Connection lookups, Connection t)
            throws SQLException, JobStoppedException {
        List<String> sourceColumns = columns(s, table.getName());
        List<String> targetColumns = columns(t, table.getName());
        if (sourceColumns.isEmpty() || targetColumns.isEmpty()) {
            return new Result(table.getName(), null, "absent on the " + (sourceColumns.isEmpty()
                    ? targetColumns.isEmpty() ? "source and the target" : "source" : "target"), 0, 0);
        }
        for (String k : table.getKey()) {
            if (!sourceColumns.contains(k) || !targetColumns.contains(k)) {
                return new Result(table.getName(), null, "no column " + k + " on the "
                        + (sourceColumns.contains(k) ? "target" : "source"), 0, 0);
            }
        }
        boolean content = !FreezeTables.shapeChanges(table, config.getSourceVersion(), config.getTargetVersion())
                && new LinkedHashSet<>(sourceColumns).equals(new LinkedHashSet<>(targetColumns));
        List<String> read = content ? sourceColumns : table.getKey();
        Map<TableDifferences.Kind, Long> counts = new EnumMap<>(TableDifferences.Kind.class);
        Map<TableDifferences.Kind, TreeSet<String>> first = new EnumMap<>(TableDifferences.Kind.class);
        for (TableDifferences.Kind k : TableDifferences.Kind.values()) {
            counts.put(k, 0L);
            first.put(k, new TreeSet<>());
        }
        TableComparer.Totals totals = new TableComparer(table.getName(), read, table.getKey(),
                RowFilter.excludingApps(table.getName(), config.getExcludedApps()), stop)
                .compare(s, lookups, t, (kind, key, values) -> {
                    counts.put(kind, counts.get(kind) + 1);
                    TreeSet<String> kept = first.get(kind);
                    kept.add(key);
                    if (kept.size() > TableDifferences.REPORTED_KEYS) {
                        kept.pollLast();
                    }
                });
        Result r = new Result(table.getName(), content ? "content" : "keys", null, totals.sourceRows,
                totals.targetRows);
        r.counts.putAll(counts);
        r.first.putAll(first);
        r.unexplainedBuckets = totals.unexplainedBuckets;
        return r;
    }

    /** The table's columns, upper-cased, in the catalog's order; empty when the table is absent. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(table);
        spellings.add(table.toLowerCase(Locale.ROOT));
        for (String name : spellings) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(c.getCatalog(), schema(c), name, null)) {
                while (rs.next()) {
                    // The name is a LIKE pattern: its underscores match any character.
                    if (!table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                        continue;
                    }
                    columns.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                }
            }
            if (!columns.isEmpty()) {
                return columns;
            }
        }
        return new ArrayList<>();
    }

    private static String schema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            // Drivers before JDBC 4.1: the catalog and the connection's default schema are enough.
            return null;
        }
    }
}
