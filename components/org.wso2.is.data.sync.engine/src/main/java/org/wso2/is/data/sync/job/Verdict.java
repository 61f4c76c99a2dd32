/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** What a validation concluded: the one thing an operator needs before the cut-over. */
public enum Verdict {

    /** Every synced table is identical and no change waits in a journal: ready for the cut-over. */
    IDENTICAL("identical: every synced table matches and no change is pending; ready for the cut-over"),
    /** At least one key differs without a pending change to explain it. */
    DIFFERENCES("differences found: the target is NOT ready for the cut-over"),
    /** Nothing differs but what changes still waiting in the journals explain: not ready yet. */
    PENDING("no difference, but changes are still pending: the target is NOT ready for the cut-over yet"),
    /**
     * A table the endpoint freeze protects (users, roles, OAuth apps, IdPs, tenants, service providers) changed
     * on the source since the dump: the change is lost at the cut-over unless made again on the target. Ranks
     * above {@link #DIFFERENCES}: no sync or repair fixes it, and its fix (make the change again, or a new dump)
     * may redo the window.
     */
    FREEZE_DRIFT("freeze drift: a table the freeze protects changed since the dump; the target is NOT ready for "
            + "the cut-over");

    private final String description;

    Verdict(String description) {
        this.description = description;
    }

    /** One phrase for the operator. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return name() + " (" + description + ")";
    }
}
