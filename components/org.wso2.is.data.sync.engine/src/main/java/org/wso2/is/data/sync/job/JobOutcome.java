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
    private final Verdict verdict;

    private JobOutcome(Status status, String message, Throwable failure, Verdict verdict) {
        this.status = status;
        this.message = message;
        this.failure = failure;
        this.verdict = verdict;
    }

    /** @param verdict a validation's verdict ({@link Verdict#IDENTICAL}), null for other jobs */
    static JobOutcome succeeded(Verdict verdict) {
        return new JobOutcome(Status.SUCCEEDED, verdict == null ? "completed" : verdict.describe(), null, verdict);
    }

    static JobOutcome stopped() {
        return new JobOutcome(Status.STOPPED, "stopped before it completed", null, null);
    }

    static JobOutcome failed(String message, Throwable failure) {
        return new JobOutcome(Status.FAILED, message, failure,
                failure instanceof VerdictException ? ((VerdictException) failure).getVerdict() : null);
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

    /**
     * What a validation that ran to its end concluded ({@link Status#SUCCEEDED} with {@link Verdict#IDENTICAL},
     * or {@link Status#FAILED} with one of the others); null for other jobs and for a validation that could not
     * finish.
     */
    public Verdict getVerdict() {
        return verdict;
    }

    @Override
    public String toString() {
        return status + ": " + message;
    }
}
