/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rate arithmetic of the progress line. */
class SyncProgressTest {

    @Test
    void aFewChangesOverALongIntervalAreNotZero() {
        // the drain that printed "758 changes applied (0 /s), backlog 19": 4 changes in a 10 s interval
        assertEquals("0.4 /s", SyncProgress.rate(4, 10.0));
        assertEquals("0.1 /s", SyncProgress.rate(1, 10.0));
        assertEquals("<0.1 /s", SyncProgress.rate(1, 60.0));
        assertEquals("<0.1 /s", SyncProgress.rate(1, 3600.0));
    }

    @Test
    void onlyAnIntervalWithoutChangesIsZero() {
        assertEquals("0 /s", SyncProgress.rate(0, 10.0));
        assertEquals("0 /s", SyncProgress.rate(0, 0.001));
    }

    @Test
    void belowTenOneDecimalFromTenWholeNumbers() {
        assertEquals("9.5 /s", SyncProgress.rate(95, 10.0));
        assertEquals("10 /s", SyncProgress.rate(100, 10.0));
        assertEquals("412 /s", SyncProgress.rate(4123, 10.0));
        assertEquals("11822 /s", SyncProgress.rate(1_000_000, 84.59));
    }

    @Test
    void intervalsInTenthsOfASecond() {
        assertEquals("10.0", SyncProgress.seconds(10.0));
        assertEquals("10.0", SyncProgress.seconds(10.04));
        assertEquals("0.3", SyncProgress.seconds(0.25));
    }
}
