/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.SyncConfiguration;

/** Everything a job works with: the checked configuration, both databases, options and its stop signal. */
public final class JobContext {

    private final SyncConfiguration configuration;
    private final DataSource source;
    private final DataSource target;
    private final JobOptions options;
    private final StopSignal stopSignal;

    public JobContext(SyncConfiguration configuration, DataSource source, DataSource target, JobOptions options,
                      StopSignal stopSignal) {
        this.configuration = configuration;
        this.source = source;
        this.target = target;
        this.options = options;
        this.stopSignal = stopSignal;
    }

    public SyncConfiguration getConfiguration() {
        return configuration;
    }

    public DataSource getSource() {
        return source;
    }

    public DataSource getTarget() {
        return target;
    }

    public JobOptions getOptions() {
        return options;
    }

    public StopSignal getStopSignal() {
        return stopSignal;
    }
}
