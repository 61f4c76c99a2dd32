/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.config.ConfigurationLoader;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;

/** sync while another sync holds the target: refused with exit code 1; with --take-over it runs, the other ends. */
class TakeOverTest {

    private static final String PROPERTIES = "sourceVersion=5.9.0\ntargetVersion=5.9.0\n"
            + "syncTables=IDN_IDENTITY_USER_DATA\nidentitySchema=jdbc/source,jdbc/target\n";

    @TempDir
    Path dir;

    @Test
    void aSecondSyncIsRefusedUnlessItTakesOver() throws Exception {
        SyncFixture f = new SyncFixture(dir);
        String source = f.isDatabase("source", "sa", "pw-s", "5.9.0");
        String target = f.isDatabase("target", "sa", "pw-t", "5.9.0");
        f.properties(PROPERTIES).toml(SyncFixture.block("source", source, "sa", "pw-s")
                + SyncFixture.block("target", target, "sa", "pw-t"));
        LauncherRun prepare = LauncherRun.of(f.args("prepare"));
        assertEquals(0, prepare.exitCode, prepare::toString);

        JobRunner holder = holder(source, target);
        holder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (host(target) == null) {
                assertTrue(System.nanoTime() < deadline, "the first sync took the target");
                Thread.sleep(50);
            }
            assertEquals(2, LauncherRun.of(f.args("prepare", "--take-over")).exitCode, "--take-over is sync's");

            LauncherRun refused = LauncherRun.of(f.args("sync", "--until-drained"));
            assertEquals(DataSyncLauncher.EXIT_JOB_FAILED, refused.exitCode, refused::toString);
            assertTrue(refused.stderr.contains("sync refused: another sync holds the target database 'jdbc/target' "
                    + "(H2): process " + ProcessHandle.current().pid() + " on host " + host(target) + ", since "),
                    refused::toString);
            assertTrue(refused.stderr.contains("start this sync with --take-over"), refused::toString);

            LauncherRun takeOver = LauncherRun.of(f.args("sync", "--take-over", "--until-drained"));
            assertEquals(DataSyncLauncher.EXIT_SUCCEEDED, takeOver.exitCode, takeOver::toString);
            JobOutcome fenced = holder.await(30, TimeUnit.SECONDS);
            assertNotNull(fenced, "the sync taken over ended");
            assertEquals(JobOutcome.Status.FAILED, fenced.getStatus());
            assertTrue(fenced.getMessage().startsWith("this sync no longer holds the target database 'jdbc/target' "
                    + "(H2): another sync took it over"), fenced.getMessage());
            assertEquals(DataSyncLauncher.EXIT_JOB_FAILED, DataSyncLauncher.exitCode(fenced));
        } finally {
            holder.stop(30_000);
        }
    }

    private static JobRunner holder(String source, String target) throws Exception {
        Properties p = new Properties();
        p.load(new java.io.StringReader(PROPERTIES));
        SyncConfiguration config = ConfigurationLoader.fromProperties(p, new Properties());
        JdbcDataSource src = h2(source, "pw-s");
        JdbcDataSource tgt = h2(target, "pw-t");
        return new JobRunner(JobType.SYNC, config, name -> {
            if ("jdbc/source".equals(name)) {
                return src;
            }
            if ("jdbc/target".equals(name)) {
                return tgt;
            }
            throw new DataSourceLookupException(name);
        }, new JobOptions(null, false), new EngineJobs());
    }

    private static JdbcDataSource h2(String url, String password) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword(password);
        return ds;
    }

    /** The host the owner row names, or null while no sync holds the target. */
    private static String host(String target) throws SQLException {
        try (Connection c = DriverManager.getConnection(target, "sa", "pw-t"); Statement s = c.createStatement();
             ResultSet tables = c.getMetaData().getTables(null, null, "SYN_OWNER", null)) {
            if (!tables.next()) {
                return null;
            }
            try (ResultSet rs = s.executeQuery("SELECT HOST FROM SYN_OWNER WHERE ID = 1")) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
