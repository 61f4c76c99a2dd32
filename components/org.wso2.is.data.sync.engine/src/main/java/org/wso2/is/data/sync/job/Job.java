/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** One of the operator's jobs (prepare, sync, ...), run once on its own thread. */
public interface Job {

    /**
     * @throws JobStoppedException when the stop signal was seen; whatever was in flight is already committed
     *                             or rolled back
     * @throws Exception any other failure, with a message naming what failed and where
     */
    void run(JobContext context) throws Exception;
}
