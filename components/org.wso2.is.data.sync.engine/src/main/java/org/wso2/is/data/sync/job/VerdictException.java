/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** A validation that ran to its end and found the target not ready: differences, or changes still pending. */
public final class VerdictException extends JobException {

    private static final long serialVersionUID = 1L;

    private final Verdict verdict;

    public VerdictException(Verdict verdict, String message) {
        super(message);
        if (verdict == Verdict.IDENTICAL) {
            throw new IllegalArgumentException("an identical pair is not a failure");
        }
        this.verdict = verdict;
    }

    public Verdict getVerdict() {
        return verdict;
    }
}
