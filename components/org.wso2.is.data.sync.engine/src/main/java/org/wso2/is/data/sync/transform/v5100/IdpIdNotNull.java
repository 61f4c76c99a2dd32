/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v5100;

import org.wso2.is.data.sync.transform.Rows;

/**
 * The 5.10.0 step1 script makes IDP_ID of tokens and codes {@code NOT NULL DEFAULT -1}. Rows that went through
 * 5.8.0 hold -1 or a LOCAL identity provider id, so no value changes. Only a source row with IDP_ID NULL (the
 * fresh 5.8.0/5.9.0 scripts leave the column nullable) has none: the migration would have failed on it, and an
 * explicit NULL would fail on a migrated target, so it gets the column's new default, as an INSERT without it.
 */
final class IdpIdNotNull {

    private static final int DEFAULT = -1;

    private IdpIdNotNull() {
    }

    static Rows apply(Rows rows) {
        return rows.mapColumn("IDP_ID", v -> v == null ? DEFAULT : v);
    }
}
