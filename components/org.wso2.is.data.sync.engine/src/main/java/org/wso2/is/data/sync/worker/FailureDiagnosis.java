/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.is.data.sync.safetext.LogText;

/**
 * Names the key a target refuses: applies each key of the pending batch on its own, in transactions rolled back
 * afterwards, and reports the first key the target refuses with the target's reason.
 */
final class FailureDiagnosis {

    private final TableGroup group;
    private final DataSource source;
    private final DataSource target;
    private final BatchReader reader;
    private final BatchWriter writer;

    FailureDiagnosis(TableGroup group, DataSource source, DataSource target, BatchReader reader, BatchWriter writer) {
        this.group = group;
        this.source = source;
        this.target = target;
        this.reader = reader;
        this.writer = writer;
    }

    /** {@code key (A=1, B=x): <the target's reason>}, or null when every key applies alone. */
    String refusedKey() {
        try (Connection src = source.getConnection(); Connection tgt = target.getConnection()) {
            src.setAutoCommit(false);
            tgt.setAutoCommit(false);
            try {
                DirtyKeys dirty = reader.pendingKeys(src);
                List<DirtyKeys> single = new ArrayList<>();
                for (List<Object> key : dirty.parents) {
                    single.add(new DirtyKeys(Collections.singletonList(key), Collections.<List<Object>>emptyList()));
                }
                for (List<Object> key : dirty.childOnly) {
                    single.add(new DirtyKeys(Collections.<List<Object>>emptyList(), Collections.singletonList(key)));
                }
                for (DirtyKeys one : single) {
                    // A failing source read leaves the loop: only the target's refusals name a key.
                    Changes changes = reader.rows(src, one);
                    try {
                        writer.apply(tgt, one, changes, false);
                    } catch (SQLException e) {
                        // Only a refusal of the row itself names a key; a read-only or full database is no key's fault.
                        return SqlFailures.isRowRefusal(e)
                                ? "key " + describe(one.all().get(0)) + ": " + SqlFailures.describe(e) : null;
                    }
                }
                return null;
            } finally {
                Connections.rollback(tgt);
                Connections.rollback(src);
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private String describe(List<Object> key) {
        List<String> parts = new ArrayList<>();
        List<String> names = group.parentKey();
        for (int i = 0; i < key.size(); i++) {
            // A key is the user's text: one line in the log, whatever it holds.
            parts.add(names.get(i) + "=" + LogText.oneLine(String.valueOf(key.get(i))));
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
