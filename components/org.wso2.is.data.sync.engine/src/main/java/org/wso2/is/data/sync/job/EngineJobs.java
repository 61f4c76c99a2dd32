/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import org.wso2.is.data.sync.capture.CleanJob;
import org.wso2.is.data.sync.capture.DdlScriptJob;
import org.wso2.is.data.sync.capture.PrepareJob;
import org.wso2.is.data.sync.validate.ResyncJob;
import org.wso2.is.data.sync.validate.ValidateJob;
import org.wso2.is.data.sync.worker.SyncJob;

/** The jobs of this build. */
public final class EngineJobs implements JobCatalog {

    @Override
    public Job create(JobType type) throws JobException {
        switch (type) {
            case PREPARE:
                return new PrepareJob();
            case GENERATE_DDL:
                return DdlScriptJob.forPrepare();
            case CLEAN:
                return new CleanJob();
            case GENERATE_CLEAN_DDL:
                return DdlScriptJob.forClean();
            case SYNC:
                return new SyncJob();
            case VALIDATE:
                return new ValidateJob();
            case RESYNC:
                return new ResyncJob();
            default:
                throw new JobException("unknown job " + type);
        }
    }
}
