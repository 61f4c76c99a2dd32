/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** How a job ended. */
public final class JobOutcome {

    /** The three ways a job ends. */
    public enum Status { SUCCEEDED, FAILED, STOPPED }

    private final Status status;
    private final String message;
    private final Throwable failure;

    private JobOutcome(Status status, String message, Throwable failure) {
        this.status = status;
        this.message = message;
        this.failure = failure;
    }

    static JobOutcome succeeded() {
        return new JobOutcome(Status.SUCCEEDED, "completed", null);
    }

    static JobOutcome stopped() {
        return new JobOutcome(Status.STOPPED, "stopped before it completed", null);
    }

    static JobOutcome failed(String message, Throwable failure) {
        return new JobOutcome(Status.FAILED, message, failure);
    }

    public Status getStatus() {
        return status;
    }

    /** One line for the operator. */
    public String getMessage() {
        return message;
    }

    public Throwable getFailure() {
        return failure;
    }

    @Override
    public String toString() {
        return status + ": " + message;
    }
}
