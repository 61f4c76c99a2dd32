/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

/** A batch read from the source: its entries, the keys they name, and those keys' rows for the target. */
final class Batch {

    static final Batch EMPTY = new Batch(Entries.NONE, null, null);

    final Entries entries;
    final DirtyKeys keys;
    final Changes changes;

    Batch(Entries entries, DirtyKeys keys, Changes changes) {
        this.entries = entries;
        this.keys = keys;
        this.changes = changes;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
