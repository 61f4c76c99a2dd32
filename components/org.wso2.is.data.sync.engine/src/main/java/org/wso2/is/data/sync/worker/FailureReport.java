/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Says, loudly and at a bounded rate, why a table group is not moving: a passing failure (connection, deadlock)
 * as a warning, one that needs a person (the target refuses a row) as an error naming the table, the key and
 * the database's own message. Says when it moves again.
 */
final class FailureReport {

    private static final Logger LOG = LogManager.getLogger(FailureReport.class);
    /** The same failure is repeated once a minute, so a stuck table stays visible without flooding syn.log. */
    static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final TableGroup group;
    private final String target;
    private final Map<String, Long> loggedAt = new HashMap<>();
    private int failedAttempts;

    FailureReport(TableGroup group, String targetName, String targetProduct) {
        this.group = group;
        this.target = "the target database '" + targetName + "' (" + targetProduct + ")";
    }

    void failed(Throwable failure, int attempt, GroupWorker worker) {
        failedAttempts++;
        long now = System.nanoTime();
        // Bounded per kind of failure: a new kind (a read-only target after a cut session) is told at once.
        String kind = failure instanceof SQLException ? ((SQLException) failure).getSQLState() + "/"
                + ((SQLException) failure).getErrorCode() : failure.getClass().getName();
        Long last = loggedAt.get(kind);
        if (last != null && now - last < REPEAT_NANOS) {
            return;
        }
        loggedAt.put(kind, now);
        if (failure instanceof SQLException && SqlFailures.isTransient((SQLException) failure)) {
            LOG.warn("{}: a batch failed on a passing database error and is retried with backoff (attempt {}): {}",
                    group, attempt, SqlFailures.describe((SQLException) failure));
            return;
        }
        String refused = failure instanceof SQLException ? worker.findRefusedKey() : null;
        if (refused != null) {
            LOG.error("{}: {} refuses {}; this table waits and retries until the cause is fixed, the other tables go "
                    + "on (attempt {})", group, target, refused, attempt);
        } else {
            LOG.error("{}: a batch failed and is retried until the cause is fixed, the other tables go on "
                    + "(attempt {}): {}", group, attempt, failure instanceof SQLException
                    ? SqlFailures.describe((SQLException) failure) : failure.toString());
        }
    }

    void succeeded() {
        if (failedAttempts > 0) {
            LOG.info("{}: syncing again after {} failed attempts", group, failedAttempts);
            failedAttempts = 0;
            loggedAt.clear();
        }
    }
}
