/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import java.sql.SQLException;

/**
 * A source database's own change log (PostgreSQL logical decoding, the MySQL/MariaDB row-based binary log), read
 * from a stored position: the keys of committed changes to the synced tables, in commit order. Only keys are
 * read; the workers fetch the current rows as they do for trigger journals.
 */
public interface ChangeLogReader extends AutoCloseable {

    /**
     * How soon a poll that reads no change hands on a restart position that moved (past other tables' transactions
     * or other databases' log): a drain waits for the position, and a whole syncInterval would add to every drain.
     */
    long POSITION_ONLY_MILLIS = 200;

    /**
     * The changes read since the last call, at most about {@code maxChanges}, waiting at most {@code waitMillis}
     * for the first one, and at most {@link #POSITION_ONLY_MILLIS} (if less) once the restart position moved. A
     * transaction larger than {@code maxChanges} is split over several chunks; only the chunk that completes it moves
     * the restart position past it.
     */
    LogChunk poll(int maxChanges, long waitMillis) throws SQLException;

    /**
     * Tells the server it may discard its log before {@code position}: called only once everything up to that
     * position is stored where a restart finds it.
     */
    void acknowledge(String position) throws SQLException;

    @Override
    void close() throws SQLException;
}
