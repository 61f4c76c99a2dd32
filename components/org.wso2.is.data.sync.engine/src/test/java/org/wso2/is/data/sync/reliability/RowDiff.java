/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.support.TableComparison;

/**
 * Source and target compared key by key, as counts a reliability run can print: rows the target lacks (lost),
 * rows it has once too often or that the source no longer has (doubled), and rows whose columns differ. An
 * assertion that the tables are equal says only that one of them is not 0; the counts say how bad a failure is.
 */
public final class RowDiff {

    /** The counts of one table. */
    public static final class Counts {
        private final long sourceRows;
        private final long lost;
        private final long doubled;
        private final long differing;

        Counts(long sourceRows, long lost, long doubled, long differing) {
            this.sourceRows = sourceRows;
            this.lost = lost;
            this.doubled = doubled;
            this.differing = differing;
        }

        @Override
        public String toString() {
            return sourceRows + " rows, lost " + lost + ", doubled " + doubled + ", differing " + differing;
        }
    }

    private final Map<SyncTable, Counts> tables = new LinkedHashMap<>();

    private RowDiff() {
    }

    /** Compares every synced table, in the columns of {@code version}. */
    public static RowDiff of(DataSource source, DataSource target, ProductVersion version) throws SQLException {
        RowDiff diff = new RowDiff();
        for (SyncTable t : SyncTable.values()) {
            diff.tables.put(t, compare(source, target, t, version));
        }
        return diff;
    }

    private static Counts compare(DataSource source, DataSource target, SyncTable table, ProductVersion version)
            throws SQLException {
        List<String> columns = keyFirst(table, version);
        int keyWidth = TableDefinitions.primaryKey(table).size();
        Map<String, String> expected = new HashMap<>();
        for (String row : TableComparison.rows(source, table, columns)) {
            expected.put(key(row, keyWidth), row);
        }
        Map<String, Integer> seen = new HashMap<>();
        long doubled = 0;
        long differing = 0;
        for (String row : TableComparison.rows(target, table, columns)) {
            String key = key(row, keyWidth);
            String wanted = expected.get(key);
            if (seen.merge(key, 1, Integer::sum) > 1 || wanted == null) {
                doubled++;
            } else if (!wanted.equals(row)) {
                differing++;
            }
        }
        long lost = expected.keySet().stream().filter(k -> !seen.containsKey(k)).count();
        return new Counts(expected.size(), lost, doubled, differing);
    }

    /** The key columns first, so a row's key is the start of its string. */
    private static List<String> keyFirst(SyncTable table, ProductVersion version) {
        List<String> columns = new ArrayList<>();
        for (KeyColumn k : TableDefinitions.primaryKey(table)) {
            columns.add(k.getName());
        }
        for (String c : TableDefinitions.columns(table, version)) {
            if (!columns.contains(c)) {
                columns.add(c);
            }
        }
        return columns;
    }

    /** The first {@code width} {@code COL=value|} parts: key values here (UUIDs, names, claim URIs) hold no '|'. */
    private static String key(String row, int width) {
        int end = 0;
        for (int i = 0; i < width; i++) {
            end = row.indexOf('|', end) + 1;
        }
        return row.substring(0, end);
    }

    public long lost() {
        return tables.values().stream().mapToLong(c -> c.lost).sum();
    }

    public long doubled() {
        return tables.values().stream().mapToLong(c -> c.doubled).sum();
    }

    public long differing() {
        return tables.values().stream().mapToLong(c -> c.differing).sum();
    }

    /** Fails naming every table's counts unless nothing is lost, doubled or differing. */
    public void assertNone() {
        assertEquals("lost 0, doubled 0, differing 0",
                "lost " + lost() + ", doubled " + doubled() + ", differing " + differing(), toString());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("rows lost " + lost() + ", doubled " + doubled() + ", differing "
                + differing() + " (");
        String sep = "";
        for (Map.Entry<SyncTable, Counts> e : tables.entrySet()) {
            sb.append(sep).append(e.getKey()).append(": ").append(e.getValue());
            sep = "; ";
        }
        return sb.append(')').toString();
    }
}
