/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobCatalog;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.JobType;

/** Exit codes and pool handling for each way a job ends, with stand-in jobs over real H2 databases. */
class ExitCodeTest {

    @TempDir
    Path dir;
    private SyncFixture f;
    private final List<JobType> created = new ArrayList<>();
    private final List<JobContext> contexts = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new SyncFixture(dir);
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml(SyncFixture.block("source", f.h2("source", "sa", "pw-s"), "sa", "pw-s")
                        + SyncFixture.block("target", f.h2("target", "sa", "pw-t"), "sa", "pw-t")
                        + SyncFixture.block("unused", "jdbc:nosuchdb://never", "sa", null));
    }

    /** Jobs that record what they were given, then end as {@code end} says. */
    private JobCatalog jobs(Job end) {
        return type -> {
            created.add(type);
            return context -> {
                contexts.add(context);
                end.run(context);
            };
        };
    }

    /** The launcher's pool under the engine's bounding wrapper. */
    private static HikariDataSource hikari(DataSource ds) throws SQLException {
        return ds.unwrap(HikariDataSource.class);
    }

    @Test
    void completedJobExitsZeroAndClosesThePools() throws Exception {
        LauncherRun run = LauncherRun.with(jobs(context -> { }), f.args("sync", "--until-drained"));
        assertEquals(0, run.exitCode, run::toString);
        assertEquals(List.of(JobType.SYNC), created);
        JobContext context = contexts.get(0);
        assertTrue(context.getOptions().isUntilDrained());
        HikariDataSource source = hikari(context.getSource());
        HikariDataSource target = hikari(context.getTarget());
        assertEquals("data-sync-source", source.getPoolName());
        assertEquals("data-sync-target", target.getPoolName());
        assertTrue(source.isClosed() && target.isClosed(), "pools are closed when the run ends");
    }

    @Test
    void failedJobExitsOne() throws Exception {
        LauncherRun run = LauncherRun.with(jobs(context -> {
            throw new JobException("IDN_IDENTITY_USER_DATA: the journal table is missing; run prepare first");
        }), f.args("validate"));
        assertEquals(1, run.exitCode, run::toString);
        assertTrue(run.stderr.contains("the journal table is missing; run prepare first"), run::toString);
        assertTrue(f.log().contains("data-sync validate ends with exit code 1"), f.log());
        assertTrue(hikari(contexts.get(0).getSource()).isClosed());
    }

    @Test
    void jobStoppedWithoutASignalExits143() throws Exception {
        LauncherRun run = LauncherRun.with(jobs(context -> {
            throw new JobStoppedException();
        }), f.args("sync"));
        assertEquals(143, run.exitCode, run::toString);
        assertTrue(hikari(contexts.get(0).getTarget()).isClosed());
    }

    @Test
    void generateDdlIsItsOwnJobWithTheDirectory() {
        LauncherRun run = LauncherRun.with(jobs(context -> { }), f.args("prepare", "--generate-ddl", "out/ddl"));
        assertEquals(0, run.exitCode, run::toString);
        assertEquals(List.of(JobType.GENERATE_DDL), created);
        assertEquals(Paths.get("out/ddl"), contexts.get(0).getOptions().getDdlDirectory());

        LauncherRun defaults = LauncherRun.with(jobs(context -> { }), f.args("prepare", "--generate-ddl"));
        assertEquals(0, defaults.exitCode, defaults::toString);
        assertEquals(JobOptions.DEFAULT_DDL_DIRECTORY, contexts.get(1).getOptions().getDdlDirectory());

        LauncherRun prepare = LauncherRun.with(jobs(context -> { }), f.args("prepare"));
        assertEquals(0, prepare.exitCode, prepare::toString);
        assertEquals(List.of(JobType.GENERATE_DDL, JobType.GENERATE_DDL, JobType.PREPARE), created);
    }

    @Test
    void cleanHasItsGenerateDdlJobToo() {
        LauncherRun run = LauncherRun.with(jobs(context -> { }), f.args("clean", "--generate-ddl", "out/ddl"));
        assertEquals(0, run.exitCode, run::toString);
        LauncherRun clean = LauncherRun.with(jobs(context -> { }), f.args("clean"));
        assertEquals(0, clean.exitCode, clean::toString);
        assertEquals(List.of(JobType.GENERATE_CLEAN_DDL, JobType.CLEAN), created);
        assertEquals(Paths.get("out/ddl"), contexts.get(0).getOptions().getDdlDirectory());
    }
}
