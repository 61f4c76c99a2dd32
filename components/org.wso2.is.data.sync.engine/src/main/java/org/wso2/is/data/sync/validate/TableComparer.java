/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;
import org.wso2.is.data.sync.transform.Transformers;
import org.wso2.is.data.sync.worker.JdbcValues;

/**
 * Compares one table: the source, transformed to the target version, against the target. Both sides are
 * streamed in chunks and folded into per-bucket counts and content checksums (buckets by key), so memory does
 * not grow with the table; only the rows of buckets that differ are read a second time, key by key.
 */
final class TableComparer {

    static final int BUCKETS = 4096;
    /** Rows held for the key-by-key pass; beyond it the report gives lower bounds. */
    static final int DETAIL_LIMIT = 200_000;
    private static final int CHUNK = 1000;

    private final SyncTable table;
    private final SyncConfiguration config;
    private final RowTransformer transformer;
    private final List<String> keyNames = new ArrayList<>();

    TableComparer(SyncTable table, SyncConfiguration config) {
        this.table = table;
        this.config = config;
        this.transformer = Transformers.chain(table, config.getSourceVersion(), config.getTargetVersion());
        for (KeyColumn k : TableDefinitions.primaryKey(table)) {
            keyNames.add(k.getName());
        }
    }

    TableDifferences compare(DataSource source, DataSource target) throws SQLException {
        Side src = new Side(true);
        Side tgt = new Side(false);
        try (Connection s = source.getConnection(); Connection lookups = source.getConnection();
             Connection t = target.getConnection()) {
            s.setAutoCommit(false);
            t.setAutoCommit(false);
            // Transformer lookups on a connection of their own: some drivers buffer a streamed result whole when
            // its connection runs another statement.
            lookups.setAutoCommit(true);
            try {
                return compare(s, lookups, t, src, tgt);
            } finally {
                // Only reads: ending them either way keeps no snapshot on a pooled connection.
                s.rollback();
                t.rollback();
            }
        }
    }

    private TableDifferences compare(Connection s, Connection lookups, Connection t, Side src, Side tgt)
            throws SQLException {
        List<String> compared = comparedColumns(lookups);
        src.scan(s, lookups, TableDefinitions.columns(table, config.getSourceVersion()), null);
        tgt.scan(t, lookups, compared, null);
        BitSet differing = new BitSet(BUCKETS);
        for (int b = 0; b < BUCKETS; b++) {
            if (src.counts[b] != tgt.counts[b] || src.sums[b] != tgt.sums[b]) {
                differing.set(b);
            }
        }
        TableDifferences result = new TableDifferences(table, src.rows, tgt.rows);
        if (!differing.isEmpty()) {
            src.scan(s, lookups, TableDefinitions.columns(table, config.getSourceVersion()), differing);
            tgt.scan(t, lookups, compared, differing);
            result.diff(src.detail, tgt.detail, src.keys, tgt.keys, src.truncated || tgt.truncated,
                    differing.cardinality());
        }
        return result;
    }

    /** The columns the transformed source rows carry: those are compared. */
    private List<String> comparedColumns(Connection source) throws SQLException {
        List<String> sourceColumns = TableDefinitions.columns(table, config.getSourceVersion());
        return transformer.transform(new Rows(sourceColumns, new int[sourceColumns.size()]), source).getColumns();
    }

    /** One side's fold: bucket counts and checksums, and in the second pass the rows of differing buckets. */
    private final class Side {
        private final boolean source;
        private final long[] counts = new long[BUCKETS];
        private final long[] sums = new long[BUCKETS];
        private final Map<String, Long> detail = new HashMap<>();
        private final Map<String, List<Object>> keys = new LinkedHashMap<>();
        private final MessageDigest sha = RowDigest.sha256();
        private long rows;
        private boolean truncated;

        Side(boolean source) {
            this.source = source;
        }

        /** First pass ({@code only == null}): fold every row. Second pass: keep the rows of {@code only}. */
        void scan(Connection c, Connection lookups, List<String> columns, BitSet only) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", columns) + " FROM "
                    + table.name())) {
                // Streams (PostgreSQL with auto-commit off, MariaDB, MySQL Connector/J's own value, ...)
                // instead of loading the table.
                ps.setFetchSize(JdbcValues.streamingFetchSize(c, CHUNK));
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    int[] types = new int[columns.size()];
                    for (int i = 0; i < types.length; i++) {
                        types[i] = md.getColumnType(i + 1);
                    }
                    Rows chunk = new Rows(columns, types);
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = JdbcValues.read(rs, i + 1, types[i]);
                        }
                        chunk.add(row);
                        if (chunk.size() == CHUNK) {
                            fold(chunk, lookups, only);
                            chunk = new Rows(columns, types);
                        }
                    }
                    fold(chunk, lookups, only);
                }
            }
        }

        private void fold(Rows chunk, Connection c, BitSet only) throws SQLException {
            Rows rows = source ? transformer.transform(chunk, c) : chunk;
            int[] key = new int[keyNames.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = rows.indexOf(keyNames.get(i));
            }
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < rows.getColumns().size(); i++) {
                all.add(i);
            }
            for (Object[] row : rows.getValues()) {
                String k = RowDigest.key(row, key);
                int bucket = Math.floorMod(k.hashCode(), BUCKETS);
                long content = RowDigest.content(row, all, sha);
                if (only == null) {
                    this.rows++;
                    counts[bucket]++;
                    sums[bucket] += content;
                } else if (only.get(bucket)) {
                    if (detail.size() >= DETAIL_LIMIT) {
                        truncated = true;
                        continue;
                    }
                    detail.put(k, content);
                    List<Object> values = new ArrayList<>();
                    for (int i : key) {
                        values.add(row[i]);
                    }
                    keys.put(k, values);
                }
            }
        }
    }
}
