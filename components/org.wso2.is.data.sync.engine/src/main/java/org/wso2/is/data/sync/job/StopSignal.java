/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/**
 * Asks a running job to stop. Jobs check it between transactions, so a stop never leaves a transaction half
 * done: the one in flight commits or rolls back, then the job returns.
 */
public final class StopSignal {

    private final StopSignal parent;
    private volatile boolean requested;

    public StopSignal() {
        this(null);
    }

    /** A signal for part of a job (one table group): requested on its own, or when {@code parent} is. */
    public StopSignal(StopSignal parent) {
        this.parent = parent;
    }

    public void request() {
        requested = true;
    }

    public boolean isRequested() {
        return requested || parent != null && parent.isRequested() || Thread.currentThread().isInterrupted();
    }

    /** @throws JobStoppedException when a stop was requested */
    public void check() throws JobStoppedException {
        if (isRequested()) {
            throw new JobStoppedException();
        }
    }

    /** Sleeps up to {@code millis}, waking early when a stop is requested. */
    public void sleep(long millis) throws JobStoppedException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
    }
}
