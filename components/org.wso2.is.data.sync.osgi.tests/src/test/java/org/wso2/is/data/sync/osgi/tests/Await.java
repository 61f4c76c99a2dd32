/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls for something the bundle does on its own threads (DS activation, the job thread). */
final class Await {

    /** Long enough for a slow CI machine; the waits end as soon as the condition holds. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Await() {
    }

    /** Fails with {@code what} and the syn.log so far when {@code condition} does not hold within {@link #TIMEOUT}. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what
                        + "; syn.log:\n" + SynLog.text());
            }
            Thread.sleep(50);
        }
    }
}
