/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A drain with a bound. A table group that cannot move retries forever, by design, and would keep a plain
 * drain, and the build, waiting; a test fails instead.
 */
public final class Drain {

    private Drain() {
    }

    /** Syncs until nothing is pending; fails unless that ends, successfully, within {@code timeout}. */
    public static void untilNothingPending(SyncConfiguration config, TestDatabase src, TestDatabase tgt, Duration timeout)
            throws InterruptedException {
        JobRunner drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true);
        drain.start();
        JobOutcome outcome = drain.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (outcome == null) {
            drain.stop(30_000);
            fail("the drain did not end within " + timeout.toMillis() + " ms: a table group cannot move (see the "
                    + "ERROR lines of the sync)");
        }
        assertEquals(JobOutcome.Status.SUCCEEDED, outcome.getStatus(), outcome.getMessage());
    }
}
