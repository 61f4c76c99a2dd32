/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One captured change: which key of which table changed, how, and when. */
public final class JournalEntry {

    private final long syncId;
    private final char operation;
    private final Timestamp changedAt;
    private final List<Object> key;

    public JournalEntry(long syncId, char operation, Timestamp changedAt, Object... key) {
        this.syncId = syncId;
        this.operation = operation;
        this.changedAt = changedAt;
        this.key = Collections.unmodifiableList(Arrays.asList(key));
    }

    public long getSyncId() {
        return syncId;
    }

    /** {@code I}, {@code U} or {@code D}. A {@code D} may also be the old key of an update that changed it. */
    public char getOperation() {
        return operation;
    }

    public Timestamp getChangedAt() {
        return changedAt;
    }

    /** The primary-key values, in the order of the table's key columns. */
    public List<Object> getKey() {
        return key;
    }

    @Override
    public String toString() {
        return syncId + ":" + operation + key;
    }
}
