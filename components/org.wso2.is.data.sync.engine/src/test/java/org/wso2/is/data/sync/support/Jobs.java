/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.nio.file.Path;
import java.util.Properties;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.ConfigurationLoader;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.StopSignal;

/** Runs an engine job directly on two test databases named {@code src} and {@code tgt}. */
public final class Jobs {

    private Jobs() {
    }

    /** @param more further {@code key=value} settings */
    public static SyncConfiguration config(String sourceVersion, String targetVersion, String tables,
                                           String... more) throws Exception {
        Properties p = new Properties();
        for (String kv : more) {
            p.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        p.setProperty("sourceVersion", sourceVersion);
        p.setProperty("targetVersion", targetVersion);
        p.setProperty("syncTables", tables);
        p.setProperty("identitySchema", "src,tgt");
        return ConfigurationLoader.fromProperties(p, new Properties());
    }

    public static void run(JobType type, SyncConfiguration config, DataSource source, DataSource target,
                           Path ddlDir) throws Exception {
        run(type, config, source, target, ddlDir, false);
    }

    public static void run(JobType type, SyncConfiguration config, DataSource source, DataSource target,
                           Path ddlDir, boolean untilDrained) throws Exception {
        new EngineJobs().create(type).run(new JobContext(config, source, target,
                new JobOptions(ddlDir, untilDrained), new StopSignal()));
    }
}
