/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.wso2.is.data.sync.config.SyncTable;

/**
 * What validation found in one table: exact counts of the rows missing on the target, extra there, or different,
 * and of the differing keys a change still in the journal explains (pending); and, to name them, the first keys
 * of each in key-text order (a bounded number, so memory does not grow with the differences).
 */
public final class TableDifferences {

    /** The three ways a key can differ. */
    public enum Kind { MISSING, EXTRA, DIFFERENT }

    /** Keys named in the log per kind. */
    static final int REPORTED_KEYS = 10;
    /** Keys kept per kind for {@link #differences(Kind)} and {@link #getPending()}. */
    static final int LISTED_KEYS = 1000;

    private final SyncTable table;
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> pendingCounts = new EnumMap<>(Kind.class);
    private final Map<Kind, TreeSet<String>> listed = new EnumMap<>(Kind.class);
    private final TreeSet<String> pending = new TreeSet<>();
    private long sourceRows;
    private long targetRows;
    private int unexplainedBuckets;

    TableDifferences(SyncTable table) {
        this.table = table;
        for (Kind k : Kind.values()) {
            counts.put(k, 0L);
            pendingCounts.put(k, 0L);
            listed.put(k, new TreeSet<>());
        }
    }

    /** One differing key; {@code isPending} when a change in the journal will touch it. */
    void add(Kind kind, String key, boolean isPending) {
        if (isPending) {
            pendingCounts.put(kind, pendingCounts.get(kind) + 1);
            keep(pending, key);
        } else {
            counts.put(kind, counts.get(kind) + 1);
            keep(listed.get(kind), key);
        }
    }

    private static void keep(TreeSet<String> keys, String key) {
        keys.add(key);
        if (keys.size() > LISTED_KEYS) {
            keys.pollLast();
        }
    }

    void setTotals(TableComparer.Totals totals) {
        this.sourceRows = totals.sourceRows;
        this.targetRows = totals.targetRows;
        this.unexplainedBuckets = totals.unexplainedBuckets;
    }

    public SyncTable getTable() {
        return table;
    }

    public long getSourceRows() {
        return sourceRows;
    }

    public long getTargetRows() {
        return targetRows;
    }

    /** Exactly how many keys differ in this way with no pending change to explain them. */
    public long count(Kind kind) {
        return counts.get(kind);
    }

    /** The first keys (at most {@value #LISTED_KEYS}, in key-text order) of {@code kind} no pending change explains. */
    public List<String> differences(Kind kind) {
        return new ArrayList<>(listed.get(kind));
    }

    /** The first differing keys (at most {@value #LISTED_KEYS}) a change still in the journal will touch. */
    public Set<String> getPending() {
        return Collections.unmodifiableSet(pending);
    }

    /** Exactly how many differing keys a change still in the journal will touch. */
    public long pendingCount() {
        long n = 0;
        for (long c : pendingCounts.values()) {
            n += c;
        }
        return n;
    }

    /**
     * The row counts disagree with the keys found: source minus target rows must equal missing minus extra
     * keys, pending or not. They disagree only when a table changed between the scans.
     */
    boolean rowCountsUnexplained() {
        long missing = counts.get(Kind.MISSING) + pendingCounts.get(Kind.MISSING);
        long extra = counts.get(Kind.EXTRA) + pendingCounts.get(Kind.EXTRA);
        return sourceRows - targetRows != missing - extra;
    }

    /** Every difference no pending change explains, counting an unexplained bucket or row count as one. */
    public long differenceCount() {
        long n = unexplainedBuckets + (rowCountsUnexplained() ? 1 : 0);
        for (long c : counts.values()) {
            n += c;
        }
        return n;
    }

    /** The report lines for this table. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(table + ": " + sourceRows + " rows on the source, " + targetRows + " on the target; "
                + count(Kind.MISSING) + " missing, " + count(Kind.EXTRA) + " extra, " + count(Kind.DIFFERENT)
                + " different, " + pendingCount() + " pending");
        for (Kind k : Kind.values()) {
            if (count(k) > 0) {
                lines.add("  " + k.name().toLowerCase(Locale.ROOT) + ": " + first(listed.get(k), count(k)));
            }
        }
        if (!pending.isEmpty()) {
            lines.add("  pending: " + first(pending, pendingCount()));
        }
        if (unexplainedBuckets > 0) {
            lines.add("  inconclusive: the checksums of " + unexplainedBuckets + " key buckets differ but no single "
                    + "key was found different (the table changed during validation?); counted as differences: "
                    + "validate again once sync has drained");
        }
        if (rowCountsUnexplained()) {
            lines.add("  inconclusive: the row counts differ by " + (sourceRows - targetRows) + " but the missing "
                    + "and extra keys found do not add up to it (the table changed during validation?); counted as "
                    + "a difference: validate again once sync has drained");
        }
        return lines;
    }

    private static String first(TreeSet<String> keys, long total) {
        List<String> shown = new ArrayList<>();
        for (String k : keys) {
            if (shown.size() == REPORTED_KEYS) {
                break;
            }
            shown.add("(" + k + ")");
        }
        return String.join(" ", shown) + (total > shown.size() ? " and " + (total - shown.size()) + " more" : "");
    }
}
