/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** Thrown inside a job when it was asked to stop; the runner treats it as a clean end, not a failure. */
public class JobStoppedException extends Exception {

    private static final long serialVersionUID = 1L;

    public JobStoppedException() {
        super("stopped on request");
    }
}
