/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.BlackHoleProxy;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * The log pump stores a chunk on a thread of its own while it reads the next. The worst moment for that: the target
 * stops answering (a proxy that keeps the connections and drops every byte) while a chunk is being stored and the
 * next one is already read. The pump must say so, keep the source's slot where the target is, and once the target
 * answers again go on from the stored position: every change of the silence reaches the target, none twice as a
 * row, and nothing is logged as an ERROR.
 */
class LogSilentTargetIT {

    private static final long NETWORK_TIMEOUT_MILLIS = 2_000;
    private static final String PUMP_FAILED = "Log capture: reading the change log of 'src' or storing it on the "
            + "target failed, retried from the stored position";
    private static final String PUMP_AGAIN = "Log capture: reading the change log of 'src' again";

    @Test
    void aTargetThatStopsAnsweringMidStoreLosesNothingOnceItAnswers() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"));
             TestDatabase src = LogCaptureIT.replicatingSource(server); TestDatabase tgt = server.createDatabase();
             CapturedLog log = CapturedLog.attach()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = LogCaptureIT.logConfig("networkTimeout=" + NETWORK_TIMEOUT_MILLIS);
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            URI at = URI.create(tgt.jdbcUrl().substring("jdbc:".length()));
            try (BlackHoleProxy proxy = BlackHoleProxy.to(at.getHost(), at.getPort())) {
                // Only the target goes through the proxy: pump stores, journals and applies all wait on it.
                PGSimpleDataSource target = new PGSimpleDataSource();
                target.setLoginTimeout((int) (NETWORK_TIMEOUT_MILLIS / 1000));
                target.setUrl("jdbc:postgresql://" + at.getHost() + ":" + proxy.port() + at.getPath());
                target.setUser(tgt.username());
                target.setPassword(tgt.password());

                AtomicBoolean armed = new AtomicBoolean();
                DataSource silencing = silencingFirstStore(target, armed, proxy);
                JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), silencing, false);
                sync.start();
                try {
                    insertUserData(src.dataSource(), 0, 50);
                    Poll.until("the sync applies changes through the proxy", Duration.ofSeconds(20),
                            () -> IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA") == 50);
                    Poll.until("the pump stores the position they were applied up to", Duration.ofSeconds(20),
                            () -> storedPosition(tgt) != null);

                    int silence = log.lines().size();
                    armed.set(true);
                    // Several chunks (batchSize 25): the first store goes silent on its open connection, in its
                    // COPY, while the pump reads the next chunk.
                    insertUserData(src.dataSource(), 50, 150);
                    Poll.until("the target went silent in a store of the pump", Duration.ofSeconds(30),
                            () -> !armed.get());
                    Poll.until("the pump says its store failed", Duration.ofSeconds(30),
                            () -> log.indexOf(Level.WARN, PUMP_FAILED, silence) >= 0);
                    // Never ahead of the target: the slot confirms no position beyond the one the target holds.
                    assertTrue(slotNotAheadOf(src, storedPosition(tgt)), "the slot confirmed past the target");

                    proxy.resume();
                    Poll.until("the pump reads and stores again", Duration.ofSeconds(30),
                            () -> log.indexOf(Level.INFO, PUMP_AGAIN, silence) >= 0);
                    insertUserData(src.dataSource(), 150, 175);
                    Poll.until("every change reaches the target", Duration.ofSeconds(30),
                            () -> IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA") == 175);
                } finally {
                    assertTrue(sync.stop(30_000), "the sync stops");
                }
                JobOutcome drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), target, true).runHere();
                assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            }
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
            assertEquals(175, IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA"));
            assertEquals(0, IsTraffic.count(tgt.dataSource(), "SYN_J_USER_DATA"), "all applied");
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.lines());
        }
    }

    /**
     * The target's connections, except that the first COPY of the pump's store thread after {@code armed} is set
     * silences the proxy first: the store then waits on an open connection, mid-transaction.
     */
    private static DataSource silencingFirstStore(PGSimpleDataSource target, AtomicBoolean armed,
                                                  BlackHoleProxy proxy) {
        return (DataSource) Proxy.newProxyInstance(LogSilentTargetIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    Object result = invoke(m, target, args);
                    if (!"getConnection".equals(m.getName())) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    return Proxy.newProxyInstance(LogSilentTargetIT.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                                if ("prepareStatement".equals(cm.getName())
                                        && "data-sync-log".equals(Thread.currentThread().getName())
                                        && armed.compareAndSet(true, false)) {
                                    proxy.blackHole();
                                }
                                return invoke(cm, c, cargs);
                            });
                });
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String storedPosition(TestDatabase tgt) throws SQLException {
        try (Connection c = tgt.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT POSITION FROM SYN_LOG WHERE ID = 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean slotNotAheadOf(TestDatabase src, String stored) throws SQLException {
        try (Connection c = src.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT confirmed_flush_lsn <= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, stored);
            ps.setString(2, "syn_slot_" + src.name());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the slot exists");
                return rs.getBoolean(1);
            }
        }
    }

    private static void insertUserData(DataSource db, int from, int to) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + "IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) VALUES (-1234, 'alice', ?, ?)")) {
            c.setAutoCommit(true);
            for (int i = from; i < to; i++) {
                ps.setString(1, String.format("k%03d", i));
                ps.setString(2, "v" + i);
                ps.executeUpdate();
            }
        }
    }
}
