/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.time.Duration;

import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.FencedException;

import dev.failsafe.RetryPolicy;

/**
 * How a group retries a failed batch: forever, with a backoff from 100 ms up to {@code max(syncInterval, 1 s)};
 * the group waits and skips nothing while the others go on. Only a stop, or a take-over by another sync (every
 * retry would be fenced out too), ends the retries.
 */
final class BatchRetry {

    private BatchRetry() {
    }

    static RetryPolicy<Integer> policy(SyncConfiguration config, FailureReport failures, StopSignal stop) {
        return RetryPolicy.<Integer>builder()
                .handleIf(e -> !(e instanceof JobStoppedException) && !(e instanceof FencedException))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(Math.max(1000, config.getSyncIntervalMillis())))
                .withMaxRetries(-1)
                .onFailedAttempt(e -> {
                    if (stop.isRequested()) {
                        // The stop cut the batch (an interrupt, an aborted connection): rolled back, its entries
                        // kept, and no retry follows; nothing for an operator to fix.
                        failures.stopped(e.getLastException());
                    } else {
                        failures.failed(e.getLastException(), e.getAttemptCount());
                    }
                })
                .build();
    }
}
