/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** The jobs of this build. */
public final class EngineJobs implements JobCatalog {

    @Override
    public Job create(JobType type) throws JobException {
        throw new JobException("the " + type + " job is not available in this build yet");
    }
}
