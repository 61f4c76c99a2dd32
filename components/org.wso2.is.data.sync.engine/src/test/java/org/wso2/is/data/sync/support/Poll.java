/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.time.Duration;

/** Waits for something a background job does, with a bound, so a test fails instead of hanging. */
public final class Poll {

    /** A condition that may need the database to tell. */
    @FunctionalInterface
    public interface Condition {
        boolean met() throws Exception;
    }

    private Poll() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} when it does not within {@code timeout}. */
    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms");
            }
            Thread.sleep(50);
        }
    }
}
