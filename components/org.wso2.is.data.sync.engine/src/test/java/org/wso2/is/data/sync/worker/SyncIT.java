/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceProvider;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Sync under live IS-like traffic: concurrent writers, long transactions, rollbacks, token refreshes; the sync
 * job is stopped and restarted in the middle; after a drain, every synced table matches column by column.
 */
public class SyncIT {

    public static final String ALL_TABLES = "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_ACCESS_TOKEN,"
            + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE,IDN_OAUTH2_AUTHORIZATION_CODE";

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(DatabaseKind.H2, DatabaseKind.H2),
                Arguments.of(DatabaseKind.POSTGRESQL, DatabaseKind.POSTGRESQL),
                Arguments.of(DatabaseKind.MARIADB, DatabaseKind.MARIADB),
                Arguments.of(DatabaseKind.MARIADB, DatabaseKind.POSTGRESQL),
                Arguments.of(DatabaseKind.POSTGRESQL, DatabaseKind.H2));
    }

    public static JobRunner runner(JobType type, SyncConfiguration config, DataSource src, DataSource tgt,
                            boolean untilDrained) {
        DataSourceProvider provider = name -> {
            if ("src".equals(name)) {
                return src;
            }
            if ("tgt".equals(name)) {
                return tgt;
            }
            throw new DataSourceLookupException(name);
        };
        return new JobRunner(type, config, provider, new JobOptions(null, untilDrained), new EngineJobs());
    }

    /** Both databases as they are after prepare, dump and restore: same apps, capture on the source. */
    public static SyncConfiguration prepared(TestDatabase src, TestDatabase tgt) throws Exception {
        IsSchema.create(src, "5.9.0");
        IsSchema.create(tgt, "5.9.0");
        IsTraffic.createApps(src.dataSource());
        IsTraffic.createApps(tgt.dataSource());
        // Small batches and a short interval: many full and partial batches, and idle waits, in a short test.
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", ALL_TABLES, "batchSize=25", "syncInterval=200",
                "progressInterval=1000");
        Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
        return config;
    }

    static void assertAllTablesMatch(TestDatabase src, TestDatabase tgt) throws Exception {
        TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("pairs")
    void targetMatchesSourceAfterLiveTrafficARestartAndADrain(DatabaseKind from, DatabaseKind to) throws Exception {
        try (TestDatabase src = TestDatabase.create(from); TestDatabase tgt = TestDatabase.create(to)) {
            SyncConfiguration config = prepared(src, tgt);
            JobRunner sync = runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();

            int writers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                IsTraffic workload = new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, w, 7 * w + 1, 0.15);
                done.add(pool.submit(() -> workload.run(60)));
            }
            Thread.sleep(300);
            // A restart in the middle of the traffic: whatever was in flight is applied again after it.
            assertTrue(sync.stop(30_000));
            assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
            JobRunner again = runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            again.start();
            int committed = 0;
            for (Future<Integer> f : done) {
                committed += f.get();
            }
            pool.shutdown();
            assertTrue(again.stop(30_000));

            JobOutcome drain = runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true).runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            assertTrue(committed > 100, "the workload committed " + committed + " transactions");
            assertTrue(IsTraffic.count(src.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN_SCOPE") > 0);
            assertAllTablesMatch(src, tgt);
            assertEquals(0, IsTraffic.count(src.dataSource(), "SYN_J_TOKEN"), "applied changes are purged");
        }
    }
}
