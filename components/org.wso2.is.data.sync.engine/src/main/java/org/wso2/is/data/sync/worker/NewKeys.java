/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.wso2.is.data.sync.capture.JournalEntry;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.transform.Rows;

/**
 * The keys of a batch the writer takes as absent from the target without looking them up: parent keys whose every
 * entry in the batch is an insert, and which the source still has (so the batch inserts them). A backlog of new
 * tokens is mostly such keys, and the existing-key lookup was a seventh of a drain's time. The guess is checked by
 * the target itself: only where the target's catalog holds the parent key unique does a wrong guess (a key the
 * target has after all: a batch applied again after a crash, a row already in a dump taken after prepare) end in
 * a unique violation, on which the batch is written again the usual way. Where the catalog also has the child's
 * foreign key to the parent, an absent parent has no children on the target, so their delete is skipped too.
 */
final class NewKeys {

    private final Dialect dialect;
    private final TableGroup group;
    /** Whether the target refuses a second row of a parent key; read once. */
    private Boolean parentKeyUnique;
    /** Whether the target refuses a child without its parent; read once. */
    private Boolean childNeedsParent;

    NewKeys(Dialect dialect, TableGroup group) {
        this.dialect = dialect;
        this.group = group;
    }

    /**
     * The keys (comparable values) of {@code parents} whose entries are all inserts and that have a source row in
     * {@code rows}; empty where the target's catalog would not refuse a wrong guess.
     */
    Set<List<Object>> of(Connection target, UniqueSlots slots, List<JournalEntry> parents, Rows rows)
            throws SQLException {
        Map<List<Object>, Boolean> onlyInserts = new HashMap<>();
        for (JournalEntry e : parents) {
            List<Object> key = KeyPredicate.comparable(e.getKey());
            Boolean before = onlyInserts.get(key);
            onlyInserts.put(key, (before == null || before) && e.getOperation() == 'I');
        }
        if (!onlyInserts.containsValue(Boolean.TRUE) || !parentKeyUnique(target, slots)) {
            return Collections.emptySet();
        }
        int[] key = group.keyIndexes(rows);
        Set<List<Object>> fresh = new HashSet<>();
        for (Object[] row : rows.getValues()) {
            List<Object> k = KeyPredicate.comparable(row, key);
            if (Boolean.TRUE.equals(onlyInserts.get(k))) {
                fresh.add(k);
            }
        }
        return fresh;
    }

    /** Whether the children of a parent the target lacks need no delete: the target's foreign key forbids them. */
    boolean childrenFollowParent(Connection target) throws SQLException {
        if (childNeedsParent == null) {
            childNeedsParent = group.getChild() != null && references(target);
        }
        return childNeedsParent;
    }

    private boolean parentKeyUnique(Connection target, UniqueSlots slots) throws SQLException {
        if (parentKeyUnique == null) {
            parentKeyUnique = slots.isUniqueKey(target, group.parentKey());
        }
        return parentKeyUnique;
    }

    /** Whether the child table has a foreign key on the parent's key columns. */
    private boolean references(Connection target) throws SQLException {
        String child = group.getChild().name();
        String parent = group.getParent().name();
        Set<String> wanted = new HashSet<>();
        for (String c : group.parentKey()) {
            wanted.add(c.toUpperCase(Locale.ROOT));
        }
        DatabaseMetaData md = target.getMetaData();
        // The catalog spells unquoted names its own way (PostgreSQL lower case, most others upper case).
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(dialect.catalogName(child));
        spellings.add(child);
        spellings.add(child.toLowerCase(Locale.ROOT));
        for (String name : spellings) {
            Map<String, Set<String>> columnsByKey = new HashMap<>();
            try (ResultSet rs = md.getImportedKeys(target.getCatalog(), UniqueSlots.schema(target), name)) {
                while (rs.next()) {
                    if (!parent.equalsIgnoreCase(rs.getString("PKTABLE_NAME"))) {
                        continue;
                    }
                    String fk = rs.getString("FK_NAME") + "/" + rs.getString("PKTABLE_NAME");
                    Set<String> columns = columnsByKey.get(fk);
                    if (columns == null) {
                        columns = new HashSet<>();
                        columnsByKey.put(fk, columns);
                    }
                    if (rs.getString("FKCOLUMN_NAME").equalsIgnoreCase(rs.getString("PKCOLUMN_NAME"))) {
                        columns.add(rs.getString("PKCOLUMN_NAME").toUpperCase(Locale.ROOT));
                    } else {
                        columns.add("?");
                    }
                }
            }
            for (Set<String> columns : columnsByKey.values()) {
                if (columns.equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }
}
