/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.testkit.BlackHoleProxy;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * An IS shutdown (the component's stop, with its bound) while a batch is blocked reading from a source that stopped
 * answering: an interrupt does not end a socket read, and the network timeout (a minute by default) is longer than
 * the stop's bound. The stop cuts the job's open connections after half its bound, and the job ends within it.
 */
class StopWhileSilentIT {

    private static final long STOP_BOUND_MILLIS = 10_000;

    @Test
    void aSyncBlockedOnASilentSourceStopsWithinTheBound() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            // The default network timeout: far longer than the stop's bound.
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=25",
                    "syncInterval=200", "progressInterval=1000");
            URI server = URI.create(src.jdbcUrl().substring("jdbc:".length()));
            try (BlackHoleProxy proxy = BlackHoleProxy.to(server.getHost(), server.getPort())) {
                PGSimpleDataSource viaProxy = new PGSimpleDataSource();
                viaProxy.setLoginTimeout(5);
                viaProxy.setUrl("jdbc:postgresql://" + server.getHost() + ":" + proxy.port() + server.getPath());
                viaProxy.setUser(src.username());
                viaProxy.setPassword(src.password());
                JobRunner sync = SyncIT.runner(JobType.SYNC, config, viaProxy, tgt.dataSource(), false);
                sync.start();
                insert(src, 0, 10);
                Poll.until("the sync applies changes through the proxy", Duration.ofSeconds(20),
                        () -> count(tgt) == 10);

                proxy.blackHole();
                insert(src, 10, 20);
                Poll.until("a request waits for the silent source", Duration.ofSeconds(10),
                        () -> proxy.droppedFromClients() > 0);
                long start = System.nanoTime();
                boolean stopped = sync.stop(STOP_BOUND_MILLIS);
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(stopped, "the sync did not stop within " + STOP_BOUND_MILLIS + " ms");
                assertTrue(tookMillis <= STOP_BOUND_MILLIS, "took " + tookMillis + " ms");
                assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
                assertTrue(log.indexOf(Level.WARN, "of its database connections were cut, so that it ends now", 0)
                        >= 0, "the stop had to cut the blocked connections: " + log.lines());
            }
        }
    }

    private static void insert(TestDatabase db, int from, int to) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (int i = from; i < to; i++) {
                s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                        + "VALUES (-1234, 'alice', 'k" + i + "', 'v" + i + "')");
            }
        }
    }

    private static long count(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
