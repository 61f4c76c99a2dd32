/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import java.util.Collections;
import java.util.List;

/**
 * Changes read from the log, and the position a restart resumes from once they (and every earlier chunk) are
 * stored: past the last transaction the chunks so far hold whole, so a restart may read some changes again (the
 * workers apply a key idempotently) but never skips one.
 */
public final class LogChunk {

    private final List<LogChange> changes;
    private final String restartPosition;

    public LogChunk(List<LogChange> changes, String restartPosition) {
        this.changes = Collections.unmodifiableList(changes);
        this.restartPosition = restartPosition;
    }

    public List<LogChange> getChanges() {
        return changes;
    }

    /** PostgreSQL: an LSN such as {@code 0/16B3748}; MySQL/MariaDB: a GTID set, or {@code file:offset}. */
    public String getRestartPosition() {
        return restartPosition;
    }
}
