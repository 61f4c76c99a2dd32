/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.transform.Rows;

/**
 * Tables synced together by one worker: a table and, for tokens, the scope table whose rows belong to a token
 * (foreign key with ON DELETE CASCADE). A change to a token or to any of its scopes re-copies the token with
 * all its scopes, so a scope never reaches the target before its token, and the order of changes inside a
 * batch cannot break a constraint.
 */
final class TableGroup {

    private final SyncTable parent;
    private final SyncTable child;

    private TableGroup(SyncTable parent, SyncTable child) {
        this.parent = parent;
        this.child = child;
    }

    /** The groups for the configured tables (the configuration guarantees tokens come with their scopes). */
    static List<TableGroup> of(List<SyncTable> tables) {
        List<TableGroup> groups = new ArrayList<>();
        for (SyncTable t : tables) {
            if (t == SyncTable.IDN_OAUTH2_ACCESS_TOKEN) {
                groups.add(new TableGroup(t, SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE));
            } else if (t != SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE) {
                groups.add(new TableGroup(t, null));
            }
        }
        return groups;
    }

    SyncTable getParent() {
        return parent;
    }

    /** The table whose rows hang off the parent's key, or null. */
    SyncTable getChild() {
        return child;
    }

    List<SyncTable> tables() {
        return child == null ? Collections.singletonList(parent) : java.util.Arrays.asList(parent, child);
    }

    List<String> parentKey() {
        List<String> names = new ArrayList<>();
        for (KeyColumn k : TableDefinitions.primaryKey(parent)) {
            names.add(k.getName());
        }
        return names;
    }

    /** The child's primary key columns (TOKEN_ID, TOKEN_SCOPE of a scope); the child must exist. */
    List<String> childKey() {
        List<String> names = new ArrayList<>();
        for (KeyColumn k : TableDefinitions.primaryKey(child)) {
            names.add(k.getName());
        }
        return names;
    }

    /** Where the parent's key columns are in {@code rows} (a child's rows carry them too). */
    int[] keyIndexes(Rows rows) {
        List<String> names = parentKey();
        int[] key = new int[names.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = rows.indexOf(names.get(i));
        }
        return key;
    }

    /** How many leading columns of a child journal key make up the parent's key (TOKEN_ID of a scope). */
    int parentKeyWidth() {
        return parentKey().size();
    }

    @Override
    public String toString() {
        return child == null ? parent.name() : parent + "+" + child;
    }
}
