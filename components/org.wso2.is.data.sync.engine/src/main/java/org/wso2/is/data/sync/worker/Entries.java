/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.capture.JournalEntry;

/**
 * The journal entries of one batch, per journal: what is deleted once the batch is committed on the target; or, in
 * log capture, the keys a batch took from its group's {@link LogQueue}, consumed there once it committed.
 */
final class Entries {

    static final Entries NONE = new Entries(Collections.<JournalEntry>emptyList(),
            Collections.<JournalEntry>emptyList());

    final List<JournalEntry> parents;
    final List<JournalEntry> children;
    /** Whether these are keys of a {@link LogQueue}, not rows of a journal. */
    final boolean fromLog;

    Entries(List<JournalEntry> parents, List<JournalEntry> children) {
        this(parents, children, false);
    }

    private Entries(List<JournalEntry> parents, List<JournalEntry> children, boolean fromLog) {
        this.parents = parents;
        this.children = children;
        this.fromLog = fromLog;
    }

    static Entries ofLog(List<JournalEntry> parents, List<JournalEntry> children) {
        return new Entries(parents, children, true);
    }

    boolean isEmpty() {
        return parents.isEmpty() && children.isEmpty();
    }

    int size() {
        return parents.size() + children.size();
    }
}
