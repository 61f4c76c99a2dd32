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
import java.util.List;
import java.util.Map;

import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;
import org.wso2.is.data.sync.transform.Transformers;
import org.wso2.is.data.sync.worker.JdbcValues;

/**
 * Compares one table: the source, transformed to the target version, against the target, and hands every
 * differing key to a {@link DifferenceSink}, so that nothing about a difference is ever cut off.
 *
 * <p>First both sides are streamed and folded into per-bucket row counts and content checksums (buckets by a
 * hash of the key): fixed memory whatever the table size. Then only the buckets that differ are compared key by
 * key. A bucket with rows on one side only needs no matching: each of its rows is missing (or extra) and goes to
 * the sink as it streams by. The others are matched in passes over ranges of buckets, each range holding at most
 * {@code rowsPerPass} source rows (sized from the first pass's counts), so memory stays bounded and a table with
 * few differences costs one extra scan of each side.
 */
final class TableComparer {

    /** Fixed memory (12 bytes per bucket and side) and few rows per bucket even at 10 million rows. */
    static final int BUCKETS = 1 << 20;
    /** Source rows held at once for the key-by-key match (about 200 bytes each). */
    static final int ROWS_PER_PASS = 200_000;
    private static final int CHUNK = 1000;

    /** What the comparison saw besides the differences: the sides' row counts and what no key explains. */
    static final class Totals {
        final long sourceRows;
        final long targetRows;
        final int unexplainedBuckets;
        final int passes;

        Totals(long sourceRows, long targetRows, int unexplainedBuckets, int passes) {
            this.sourceRows = sourceRows;
            this.targetRows = targetRows;
            this.unexplainedBuckets = unexplainedBuckets;
            this.passes = passes;
        }
    }

    private final String table;
    private final List<String> sourceColumns;
    private final RowTransformer transformer;
    private final List<String> keyNames;
    private final RowFilter filter;
    private final int rowsPerPass;
    private final StopSignal stop;

    TableComparer(SyncTable table, SyncConfiguration config, StopSignal stop) {
        this(table, config, stop, ROWS_PER_PASS);
    }

    TableComparer(SyncTable table, SyncConfiguration config, StopSignal stop, int rowsPerPass) {
        this(table, config, RowFilter.NONE, stop, rowsPerPass);
    }

    /** A synced table, without the rows {@code filter} leaves out on both sides. */
    TableComparer(SyncTable table, SyncConfiguration config, RowFilter filter, StopSignal stop, int rowsPerPass) {
        this(table.name(), TableDefinitions.columns(table, config.getSourceVersion()),
                Transformers.chain(table, config.getSourceVersion(), config.getTargetVersion()), keyNames(table),
                filter, stop, rowsPerPass);
    }

    /**
     * Any table: {@code columns} read on both sides as they are (no transformation), rows matched by
     * {@code keyNames} (among the columns).
     */
    TableComparer(String table, List<String> columns, List<String> keyNames, RowFilter filter, StopSignal stop) {
        this(table, columns, (rows, source) -> rows, keyNames, filter, stop, ROWS_PER_PASS);
    }

    private TableComparer(String table, List<String> sourceColumns, RowTransformer transformer,
                          List<String> keyNames, RowFilter filter, StopSignal stop, int rowsPerPass) {
        this.table = table;
        this.sourceColumns = sourceColumns;
        this.transformer = transformer;
        this.keyNames = keyNames;
        this.filter = filter;
        this.stop = stop;
        this.rowsPerPass = rowsPerPass;
    }

    private static List<String> keyNames(SyncTable table) {
        List<String> names = new ArrayList<>();
        for (KeyColumn k : TableDefinitions.primaryKey(table)) {
            names.add(k.getName());
        }
        return names;
    }

    /**
     * @param s       the source, auto-commit off (streams)
     * @param lookups a second source connection for the transformers' lookups, auto-commit on: some drivers
     *                buffer a streamed result whole when its connection runs another statement
     * @param t       the target, auto-commit off
     */
    Totals compare(Connection s, Connection lookups, Connection t, DifferenceSink sink) throws SQLException,
            JobStoppedException {
        List<String> compared = transformer.transform(new Rows(sourceColumns, new int[sourceColumns.size()]),
                lookups).getColumns();
        int[] srcCounts = new int[BUCKETS];
        long[] srcSums = new long[BUCKETS];
        int[] tgtCounts = new int[BUCKETS];
        long[] tgtSums = new long[BUCKETS];
        long sourceRows = scan(s, lookups, sourceColumns, true, (bucket, key, content, keyValues) -> {
            srcCounts[bucket]++;
            srcSums[bucket] += content;
        });
        long targetRows = scan(t, lookups, compared, false, (bucket, key, content, keyValues) -> {
            tgtCounts[bucket]++;
            tgtSums[bucket] += content;
        });

        BitSet sourceOnly = new BitSet(BUCKETS);
        BitSet targetOnly = new BitSet(BUCKETS);
        BitSet both = new BitSet(BUCKETS);
        for (int b = 0; b < BUCKETS; b++) {
            if (srcCounts[b] == tgtCounts[b] && srcSums[b] == tgtSums[b]) {
                continue;
            }
            (tgtCounts[b] == 0 ? sourceOnly : srcCounts[b] == 0 ? targetOnly : both).set(b);
        }
        BitSet differing = new BitSet(BUCKETS);
        differing.or(sourceOnly);
        differing.or(targetOnly);
        differing.or(both);
        if (differing.isEmpty()) {
            return new Totals(sourceRows, targetRows, 0, 1);
        }

        // Ranges [from, to) of buckets whose source rows fit in one pass; at least one pass, which also streams
        // the one-sided buckets. A single bucket above the bound is a range of its own.
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        long held = 0;
        for (int b = both.nextSetBit(0); b >= 0; b = both.nextSetBit(b + 1)) {
            if (held > 0 && held + srcCounts[b] > rowsPerPass) {
                ranges.add(new int[] {from, b});
                from = b;
                held = 0;
            }
            held += srcCounts[b];
        }
        ranges.add(new int[] {from, BUCKETS});

        BitSet explained = new BitSet(BUCKETS);
        boolean first = true;
        for (int[] range : ranges) {
            match(s, t, lookups, sourceColumns, compared, range[0], range[1], first, sourceOnly, targetOnly, both,
                    explained, sink);
            first = false;
        }
        differing.andNot(explained);
        return new Totals(sourceRows, targetRows, differing.cardinality(), 1 + ranges.size());
    }

    /** One key-by-key pass over the buckets of {@code [from, to)} that have rows on both sides. */
    private void match(Connection s, Connection t, Connection lookups, List<String> sourceColumns,
                       List<String> compared, int from, int to, boolean first, BitSet sourceOnly, BitSet targetOnly,
                       BitSet both, BitSet explained, DifferenceSink sink) throws SQLException, JobStoppedException {
        Map<String, Held> source = new HashMap<>();
        scan(s, lookups, sourceColumns, true, (bucket, key, content, keyValues) -> {
            if (first && sourceOnly.get(bucket)) {
                explained.set(bucket);
                sink.found(TableDifferences.Kind.MISSING, key, keyValues);
            } else if (bucket >= from && bucket < to && both.get(bucket)) {
                source.put(key, new Held(bucket, content, keyValues));
            }
        });
        scan(t, lookups, compared, false, (bucket, key, content, keyValues) -> {
            if (first && targetOnly.get(bucket)) {
                explained.set(bucket);
                sink.found(TableDifferences.Kind.EXTRA, key, keyValues);
            } else if (bucket >= from && bucket < to && both.get(bucket)) {
                Held there = source.remove(key);
                if (there == null) {
                    explained.set(bucket);
                    sink.found(TableDifferences.Kind.EXTRA, key, keyValues);
                } else if (there.content != content) {
                    explained.set(bucket);
                    sink.found(TableDifferences.Kind.DIFFERENT, key, there.keyValues);
                }
            }
        });
        for (Map.Entry<String, Held> e : source.entrySet()) {
            explained.set(e.getValue().bucket);
            sink.found(TableDifferences.Kind.MISSING, e.getKey(), e.getValue().keyValues);
        }
    }

    /** A source row held for the match: its bucket, content digest and typed key values. */
    private static final class Held {
        final int bucket;
        final long content;
        final Object[] keyValues;

        Held(int bucket, long content, Object[] keyValues) {
            this.bucket = bucket;
            this.content = content;
            this.keyValues = keyValues;
        }
    }

    /** What a scan does with each row. */
    private interface RowVisitor {
        void row(int bucket, String key, long content, Object[] keyValues) throws SQLException, JobStoppedException;
    }

    /** Streams one side in chunks (the source transformed to the target version); returns its row count. */
    private long scan(Connection c, Connection lookups, List<String> columns, boolean source, RowVisitor visitor)
            throws SQLException, JobStoppedException {
        long rows = 0;
        MessageDigest sha = RowDigest.sha256();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", columns) + " FROM "
                + table + filter.where())) {
            filter.bind(ps);
            // Streams (PostgreSQL with auto-commit off, MariaDB, MySQL Connector/J's own value, ...) instead of
            // loading the table.
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
                        rows += fold(chunk, lookups, source, sha, visitor);
                        chunk = new Rows(columns, types);
                        stop.check();
                    }
                }
                rows += fold(chunk, lookups, source, sha, visitor);
            }
        }
        return rows;
    }

    private int fold(Rows chunk, Connection lookups, boolean source, MessageDigest sha, RowVisitor visitor)
            throws SQLException, JobStoppedException {
        Rows rows = source ? transformer.transform(chunk, lookups) : chunk;
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
            Object[] keyValues = new Object[key.length];
            for (int i = 0; i < key.length; i++) {
                keyValues[i] = row[key[i]];
            }
            visitor.row(bucket(k), k, RowDigest.content(row, all, sha), keyValues);
        }
        return rows.size();
    }

    /** The key text's bucket; its hash mixed (MurmurHash3's finaliser) so that the low bits spread well. */
    static int bucket(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & (BUCKETS - 1);
    }
}
