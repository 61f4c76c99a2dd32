/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

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
    private final FailureDiagnosis diagnosis;
    private final Map<String, Long> loggedAt = new HashMap<>();
    private int failedAttempts;

    FailureReport(TableGroup group, String targetName, String targetProduct, FailureDiagnosis diagnosis) {
        this.group = group;
        this.target = "the target database '" + targetName + "' (" + targetProduct + ")";
        this.diagnosis = diagnosis;
    }

    /** A failed attempt: {@code thrown} is the batch's {@link BatchFailure} (anything else is classified here). */
    void failed(Throwable thrown, int attempt) {
        failedAttempts++;
        BatchFailure failure = BatchFailure.of(BatchFailure.Side.TARGET, thrown);
        long now = System.nanoTime();
        // Bounded per kind of failure: a new kind (a read-only target after a cut session) is told at once.
        String kind = failure.sameFailureKey();
        Long last = loggedAt.get(kind);
        if (last != null && now - last < REPEAT_NANOS) {
            return;
        }
        loggedAt.put(kind, now);
        String where = failure.side() == BatchFailure.Side.SOURCE ? "source" : "target";
        switch (failure.kind()) {
            case PASSING:
                LOG.warn("{}: a batch failed on a passing database error and is retried with backoff (attempt {}, "
                        + "{}): {}", group, attempt, where, failure.describe());
                return;
            case UNEXPECTED:
                // Not a database's doing: the stack trace is what a bug report needs, once per kind.
                LOG.error("{}: a batch failed unexpectedly and is retried, the other tables go on (attempt {}, {}): {}",
                        group, attempt, where, failure.describe(), failure.getCause());
                return;
            default:
                String refused = diagnosis.refusedKey();
                if (refused != null) {
                    LOG.error("{}: {} refuses {}; this table waits and retries until the cause is fixed, the other "
                            + "tables go on (attempt {})", group, target, refused, attempt);
                } else {
                    LOG.error("{}: a batch failed and is retried until the cause is fixed, the other tables go on "
                            + "(attempt {}, {}): {}", group, attempt, where, failure.describe());
                }
        }
    }

    /** A batch the job's stop cut short: said at DEBUG, it is no failure of the databases. */
    void stopped(Throwable thrown) {
        LOG.debug("{}: the stop ended a batch in flight; it is rolled back and its changes stay pending", group,
                thrown);
    }

    void succeeded() {
        if (failedAttempts > 0) {
            LOG.info("{}: syncing again after {} failed attempts", group, failedAttempts);
            failedAttempts = 0;
            loggedAt.clear();
        }
    }
}
