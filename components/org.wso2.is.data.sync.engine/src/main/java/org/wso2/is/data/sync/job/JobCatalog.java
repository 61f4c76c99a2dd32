/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** Makes the job for a job type; one place that knows which class does what. */
public interface JobCatalog {

    /** @throws JobException when this build cannot run that job */
    Job create(JobType type) throws JobException;
}
