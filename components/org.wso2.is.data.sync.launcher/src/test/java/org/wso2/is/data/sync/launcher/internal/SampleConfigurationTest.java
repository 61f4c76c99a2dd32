/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.config.ConfigurationLoader;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;

/** The sample files the distribution ships (distribution/src/conf) load through the real code. */
class SampleConfigurationTest {

    private static final Path CONF = Paths.get(System.getProperty("sample.conf.dir", "../../distribution/src/conf"));

    @TempDir
    Path dir;

    @Test
    void sampleSyncPropertiesLoads() throws Exception {
        SyncConfiguration c = ConfigurationLoader.load(CONF.resolve("sync.properties"), new Properties());
        assertEquals("5.8.0", c.getSourceVersion().label());
        assertEquals("5.9.0", c.getTargetVersion().label());
        assertEquals(100, c.getBatchSize());
        assertEquals(5000, c.getSyncIntervalMillis());
        assertEquals(List.of(SyncTable.values()), c.getSyncTables());
        assertEquals("jdbc/source", c.getSourceDataSource());
        assertEquals("jdbc/target", c.getTargetDataSource());
        assertEquals(List.of(), c.getWarnings());
    }

    @Test
    void sampleDeploymentTomlLoads() throws Exception {
        List<DataSourceDefinition> all = DeploymentToml.read(CONF.resolve("deployment.toml"));
        assertEquals(2, all.size());
        for (DataSourceDefinition d : all) {
            assertTrue(d.getUrl().startsWith("jdbc:"), d.getUrl());
            assertNotNull(d.getUsername());
            assertFalse(d.toHikariConfig().isAutoCommit(), "as the WSO2 docs' datasources");
            assertEquals(20, d.toHikariConfig().getMaximumPoolSize());
        }
        assertEquals("source", all.get(0).getId());
        assertEquals("target", all.get(1).getId());
    }

    /** The fragment, with the two lists IS's log4j2.properties declares, writes syn.log under carbon.home. */
    @Test
    void log4j2FragmentForIsWritesSynLog() throws Exception {
        String lists = "appenders = SYN_LOGFILE\nloggers = syncClient\nrootLogger.level = ERROR\n";
        System.setProperty("carbon.home", dir.toString());
        LoggerContext context = new LoggerContext("is-fragment");
        try (InputStream in = new SequenceInputStream(
                new java.io.ByteArrayInputStream(lists.getBytes(StandardCharsets.UTF_8)),
                Files.newInputStream(CONF.resolve("log4j2-syn.properties")))) {
            context.start(new PropertiesConfigurationFactory().getConfiguration(context, new ConfigurationSource(in)));
            context.getLogger("org.wso2.is.data.sync.job.JobRunner").info("Job sync completed");
            context.getLogger("org.wso2.carbon.core.Other").info("not ours");
        } finally {
            context.stop();
            System.clearProperty("carbon.home");
        }
        String log = new String(Files.readAllBytes(dir.resolve("repository/logs/syn.log")), StandardCharsets.UTF_8);
        assertTrue(log.matches("(?s)\\[[^]]+]  INFO \\{org\\.wso2\\.is\\.data\\.sync\\.job\\.JobRunner} - Job sync "
                + "completed\\R"), log);
    }
}
