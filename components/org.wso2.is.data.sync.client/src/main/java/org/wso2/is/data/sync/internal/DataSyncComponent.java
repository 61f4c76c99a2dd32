/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.internal;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.wso2.carbon.ndatasource.core.DataSourceService;
import org.wso2.is.data.sync.config.ConfigurationException;
import org.wso2.is.data.sync.config.ConfigurationLoader;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.ServerJobRequest;

/**
 * Starts the data sync job asked for on the {@code wso2server.sh} command line, once Carbon's datasources are
 * up. Does nothing on a normal server start. The job runs on its own thread so server start-up never waits for
 * it; deactivation (shutdown, bundle stop) stops it within {@link #STOP_TIMEOUT_MILLIS}.
 */
@Component(name = "org.wso2.is.data.sync.client", immediate = true)
public class DataSyncComponent {

    private static final Logger LOG = LogManager.getLogger(DataSyncComponent.class);
    /** Long enough for a batch in flight to commit or roll back; short enough not to hold up a shutdown. */
    static final long STOP_TIMEOUT_MILLIS = 30_000;

    private volatile DataSourceService dataSourceService;
    private JobRunner runner;

    @Activate
    protected void activate() {
        Properties system = System.getProperties();
        try {
            ServerJobRequest request = ServerJobRequest.from(system);
            if (request == null) {
                LOG.debug("No data sync job requested (-DprepareSync, -DsyncData, -DvalidateSync, -DresyncTable or -DcleanSync)");
                return;
            }
            SyncConfiguration configuration = ConfigurationLoader.load(request.getConfigFile(), system);
            runner = new JobRunner(request.getType(), configuration,
                    new CarbonDataSourceProvider(dataSourceService), request.getOptions(), new EngineJobs());
            runner.start();
        } catch (ConfigurationException e) {
            LOG.error(e.getMessage());
        }
    }

    @Deactivate
    protected void deactivate() {
        JobRunner r = runner;
        runner = null;
        if (r == null) {
            return;
        }
        try {
            boolean wasRunning = r.await(0, TimeUnit.MILLISECONDS) == null;
            if (r.stop(STOP_TIMEOUT_MILLIS) && wasRunning) {
                LOG.info("Data sync job {} stopped", r.getType());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Reference(name = "org.wso2.carbon.ndatasource", service = DataSourceService.class,
            cardinality = ReferenceCardinality.MANDATORY, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetDataSourceService")
    protected void setDataSourceService(DataSourceService service) {
        this.dataSourceService = service;
    }

    protected void unsetDataSourceService(DataSourceService service) {
        // A dynamic reference binds a replacement before it unbinds the old service.
        if (this.dataSourceService == service) {
            this.dataSourceService = null;
        }
    }
}
