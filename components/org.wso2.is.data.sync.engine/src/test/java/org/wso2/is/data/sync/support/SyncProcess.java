/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceProvider;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The sync job in a JVM of its own, so a test can kill it the way an operator's {@code kill -9} or a crash
 * does: no stop signal, no rollback by the job, sockets cut by the operating system.
 *
 * <p>Arguments: source URL, source user, target URL, target user, synced tables, the {@link BatchPhases} file,
 * then {@code key=value} settings. The passwords come in the environment, so they do not show in the process
 * list.
 */
public final class SyncProcess {

    private static final String SOURCE_PASSWORD = "SYNC_SOURCE_PASSWORD";
    private static final String TARGET_PASSWORD = "SYNC_TARGET_PASSWORD";

    private SyncProcess() {
    }

    public static void main(String[] args) throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", args[4], Arrays.copyOfRange(args, 6, args.length));
        BatchPhases phases = BatchPhases.map(Paths.get(args[5]));
        DataSource source = phases.source(dataSource(args[0], args[1], System.getenv(SOURCE_PASSWORD)));
        DataSource target = phases.target(dataSource(args[2], args[3], System.getenv(TARGET_PASSWORD)));
        DataSourceProvider provider = name -> {
            if ("src".equals(name)) {
                return source;
            }
            if ("tgt".equals(name)) {
                return target;
            }
            throw new DataSourceLookupException(name);
        };
        JobOutcome outcome = new JobRunner(JobType.SYNC, config, provider, JobOptions.defaults(), new EngineJobs())
                .runHere();
        // exit: driver threads must not keep a finished child alive; a non-zero code tells the test it failed
        System.exit(outcome.getStatus() == JobOutcome.Status.FAILED ? 1 : 0);
    }

    /**
     * Starts a child JVM that syncs {@code source} into {@code target}; its output goes to {@code log}, its
     * batches' phases to {@code phases} (see {@link BatchPhases}). H2 databases must be open in this JVM through
     * {@link #url(TestDatabase)} first, so that this JVM serves them.
     */
    public static Process start(Path log, Path phases, TestDatabase source, TestDatabase target, String tables,
                                String... settings) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // the child lives for seconds: start fast (client compiler only, small heap, serial collector)
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx256m");
        // surefire's class path is a manifest-only jar; its Class-Path entries are honoured with -cp as well
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SyncProcess.class.getName());
        command.add(url(source));
        command.add(source.username());
        command.add(url(target));
        command.add(target.username());
        command.add(tables);
        command.add(phases.toAbsolutePath().toString());
        command.addAll(Arrays.asList(settings));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(new File(System.getProperty("java.io.tmpdir")));
        builder.environment().put(SOURCE_PASSWORD, source.password());
        builder.environment().put(TARGET_PASSWORD, target.password());
        return builder.start();
    }

    /**
     * The URL two JVMs can share. An H2 file database is opened by one JVM only; with AUTO_SERVER the first
     * to open it serves it to the others over TCP (a port of the operating system's choosing). The test JVM
     * must be that one: a killed child would take the served database down with it, and H2 writes commits
     * to its file up to WRITE_DELAY (500 ms) later, so it would lose some that the sync had made.
     */
    public static String url(TestDatabase db) {
        return db.kind() == DatabaseKind.H2 ? db.jdbcUrl() + ";AUTO_SERVER=TRUE" : db.jdbcUrl();
    }

    private static DataSource dataSource(String url, String user, String password) throws SQLException {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(url);
            pg.setUser(user);
            pg.setPassword(password);
            return pg;
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return new MariaDbLogin(url, user, password);
        }
        throw new IllegalArgumentException("no data source for " + url);
    }
}
