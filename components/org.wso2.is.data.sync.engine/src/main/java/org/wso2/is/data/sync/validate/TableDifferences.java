/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.wso2.is.data.sync.config.SyncTable;

/** What validation found in one table: rows missing on the target, extra there, or different, and pending. */
public final class TableDifferences {

    /** The three ways a key can differ. */
    public enum Kind { MISSING, EXTRA, DIFFERENT }

    static final int REPORTED_KEYS = 10;

    private final SyncTable table;
    private final long sourceRows;
    private final long targetRows;
    private final Map<Kind, List<String>> keys = new LinkedHashMap<>();
    private final Map<String, List<Object>> keyValues = new LinkedHashMap<>();
    private final Set<String> pending = new TreeSet<>();
    private boolean truncated;
    private int unexplainedBuckets;

    TableDifferences(SyncTable table, long sourceRows, long targetRows) {
        this.table = table;
        this.sourceRows = sourceRows;
        this.targetRows = targetRows;
        for (Kind k : Kind.values()) {
            keys.put(k, new ArrayList<>());
        }
    }

    void diff(Map<String, Long> source, Map<String, Long> target, Map<String, List<Object>> sourceKeys,
              Map<String, List<Object>> targetKeys, boolean cut, int differingBuckets) {
        truncated = cut;
        for (Map.Entry<String, Long> e : source.entrySet()) {
            Long there = target.get(e.getKey());
            if (there == null) {
                add(Kind.MISSING, e.getKey(), sourceKeys.get(e.getKey()));
            } else if (!there.equals(e.getValue())) {
                add(Kind.DIFFERENT, e.getKey(), sourceKeys.get(e.getKey()));
            }
        }
        for (String k : target.keySet()) {
            if (!source.containsKey(k)) {
                add(Kind.EXTRA, k, targetKeys.get(k));
            }
        }
        for (List<String> list : keys.values()) {
            Collections.sort(list);
        }
        if (keyValues.isEmpty() && !cut) {
            // The checksums differ but no key does: never call that a match.
            unexplainedBuckets = differingBuckets;
        }
    }

    private void add(Kind kind, String key, List<Object> values) {
        keys.get(kind).add(key);
        keyValues.put(key, values);
    }

    /** The typed key values of every differing key, to look them up in the journals. */
    Map<String, List<Object>> differingKeys() {
        return keyValues;
    }

    void markPending(Set<String> keysWithPendingChanges) {
        pending.addAll(keysWithPendingChanges);
        pending.retainAll(keyValues.keySet());
    }

    public SyncTable getTable() {
        return table;
    }

    /** Keys of {@code kind} that no pending change explains. */
    public List<String> differences(Kind kind) {
        List<String> out = new ArrayList<>();
        for (String k : keys.get(kind)) {
            if (!pending.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Differing keys a change still in the journal will touch: not differences, just not synced yet. */
    public Set<String> getPending() {
        return pending;
    }

    public int differenceCount() {
        int n = unexplainedBuckets;
        for (Kind k : Kind.values()) {
            n += differences(k).size();
        }
        return n;
    }

    /** The report lines for this table. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(table + ": " + sourceRows + " rows on the source, " + targetRows + " on the target; "
                + differences(Kind.MISSING).size() + " missing, " + differences(Kind.EXTRA).size() + " extra, "
                + differences(Kind.DIFFERENT).size() + " different" + (truncated ? " (at least)" : "")
                + ", " + pending.size() + " pending");
        for (Kind k : Kind.values()) {
            List<String> d = differences(k);
            if (!d.isEmpty()) {
                lines.add("  " + k.name().toLowerCase(java.util.Locale.ROOT) + ": " + first(d));
            }
        }
        if (!pending.isEmpty()) {
            lines.add("  pending: " + first(new ArrayList<>(pending)));
        }
        if (unexplainedBuckets > 0) {
            lines.add("  inconclusive: the checksums of " + unexplainedBuckets + " key buckets differ but no single "
                    + "key was found different; counted as differences, compare the table by hand");
        }
        return lines;
    }

    private static String first(List<String> keys) {
        List<String> shown = new ArrayList<>();
        for (String k : keys.subList(0, Math.min(REPORTED_KEYS, keys.size()))) {
            shown.add("(" + k + ")");
        }
        return String.join(" ", shown) + (keys.size() > REPORTED_KEYS ? " and " + (keys.size() - REPORTED_KEYS)
                + " more" : "");
    }
}
