/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.wso2.is.data.sync.osgi.tests.JobStarts.jobEnds;
import static org.wso2.is.data.sync.osgi.tests.JobStarts.restartWith;
import static org.wso2.is.data.sync.osgi.tests.PostgresEstate.SOURCE;
import static org.wso2.is.data.sync.osgi.tests.PostgresEstate.TARGET_DIRECT;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.wso2.carbon.ndatasource.core.DataSourceService;

/**
 * The sync tool mode whole, through the bundle in Equinox, on the test kit's real PostgreSQL served by the Carbon
 * stand-in's pools (pgjdbc and HikariCP as bundles, {@code defaultAutoCommit = false} as IS's datasources), the
 * target behind a proxy that can stop answering:
 * <ol>
 * <li>prepare; sync while IS writes to the source, until the target has caught up;</li>
 * <li>an IS shutdown (the bundle's stop) while a batch is blocked reading the target's answer, which never comes:
 * the stop ends within the component's bound by cutting the connection, the target rolls the batch back, and the
 * source's journal keeps its changes;</li>
 * <li>IS starts again (new pools) with -DuntilDrained: the cut batch is done again, the sync ends by itself;
 * validate's verdict is IDENTICAL, and the test's own queries find source and target equal, row for row.</li>
 * </ol>
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresSyncFlowTest {

    private static final int WRITES = 300;
    /** DataSyncComponent's stop bound: an IS shutdown waits no longer for the job. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);
    /** Changed in one source transaction; user1 last, as the test holds a lock on its rows on the target. */
    private static final List<String> LATE_USERS = Arrays.asList("user2", "user3", "user4", "user1");
    private static final String USER_DATA = "SELECT TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE FROM "
            + "IDN_IDENTITY_USER_DATA ORDER BY TENANT_ID, USER_NAME, DATA_KEY";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("postgres-sync-flow");
        // a short idle wait, so the sync catches up with the writes soon after they end
        Path properties = home.syncProperties("sourceVersion", "5.9.0", "targetVersion", "5.9.0",
                "syncTables", "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE",
                "syncInterval", "200");
        return IsRuntime.with(home, String.join(",", SOURCE, PostgresEstate.TARGET, TARGET_DIRECT),
                PostgresEstate.start(home), IsRuntime.prepareSync(properties));
    }

    @Test
    public void prepareSyncUnderWritesStopOnASilentTargetDrainAndValidate() throws Exception {
        SynLog.awaitJobCompleted("prepare");
        Bundle client = ClientBundle.find(context);

        // 1. sync while IS writes
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        DataSource isSource = dataSource(SOURCE);
        Thread writer = new Thread(() -> {
            try {
                write(isSource, () -> Await.until("the sync to apply IS's first writes",
                        () -> !userData(TARGET_DIRECT).isEmpty()));
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        }, "is-writes");
        writer.start();
        restartWith(client, "syncData");
        writer.join(60_000);
        assertFalse("the writer did not finish", writer.isAlive());
        assertEquals(null, writerFailure.get());
        Await.until("the target to catch up with IS's writes",
                () -> userData(SOURCE).equals(userData(TARGET_DIRECT)));

        // 2. an IS shutdown while a batch waits for the answer of a target that stopped answering
        DataSource target = dataSource(TARGET_DIRECT);
        int late;
        int batch;
        try (Connection lock = target.getConnection()) {
            lock.setAutoCommit(false);
            assertTrue("user1 has rows to lock", count(lock, "SELECT COUNT(*) FROM (SELECT DATA_VALUE FROM "
                    + "IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'user1' FOR UPDATE) l") > 0);
            int lockHolder = count(lock, "SELECT pg_backend_pid()");
            late = writeLate(isSource);
            String blocked = "SELECT COALESCE(MIN(pid), 0) FROM pg_stat_activity WHERE " + lockHolder
                    + " = ANY(pg_blocking_pids(pid))";
            Await.until("a batch to wait for the test's lock on the target", () -> count(target, blocked) > 0);
            batch = count(target, blocked);
            ProxyControl.blackHole();
            lock.rollback();
        }
        // the target ran the batch's statement, the answer went nowhere: the transaction waits for the client
        String batchState = "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + batch + " AND state = ";
        Await.until("the batch's transaction to wait, unanswered",
                () -> count(target, batchState + "'idle in transaction'") == 1);
        // The target also ends the sync's other sessions, the renewal of its hold among them, as a firewall or a
        // failover does: the renewal's next connection waits in the pool, which cannot open one through the
        // silent proxy, for the pool's whole wait (IS's sample: 60 s, longer than the stop's bound).
        count(target, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                + "current_database() AND pid NOT IN (pg_backend_pid(), " + batch + ")");

        long start = System.nanoTime();
        client.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue("the stop took " + took.toMillis() + " ms", took.compareTo(STOP_BOUND) < 0);
        assertEquals(Bundle.RESOLVED, client.getState());
        // the engine's helper that ran the cuts stays for its idle time, 30 s; it holds no job
        Await.until("the job's threads to end", () -> DataSyncThreads.alive().stream()
                .allMatch("data-sync-connection-abort"::equals));
        assertEquals(List.of("Job sync stopped on request"), jobEnds("sync"));
        String log = SynLog.text();
        assertTrue(log, log.contains("of its database connections were cut, so that it ends now"));
        // neither the job nor the renewal of its hold on the target outlived the stop: the renewal's wait for a
        // pooled connection was cut short
        assertTrue(log, log.contains("The last renewal of the hold on the target database 'target' (PostgreSQL) "
                + "ended: stub-target - Interrupted during connection acquisition"));
        assertFalse(log, log.contains("did not stop within 30000 ms"));
        assertFalse(log, log.contains("The renewal of this sync's hold"));
        // the cut connection's session ends, and with it the batch's transaction
        Await.until("the target to roll back the cut batch", () -> count(target,
                "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + batch) == 0);
        assertEquals(0, count(target, "SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA WHERE DATA_VALUE = 'late'"));
        // the journal keeps every change of the batch, for the next start to apply
        assertEquals(late, count(dataSource(SOURCE), "SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA d WHERE "
                + "d.DATA_VALUE = 'late' AND EXISTS (SELECT 1 FROM SYN_J_USER_DATA j WHERE j.TENANT_ID = d.TENANT_ID "
                + "AND j.USER_NAME = d.USER_NAME AND j.DATA_KEY = d.DATA_KEY)"));

        // 3. IS starts again, with new pools: the cut batch is done again and nothing is lost
        ProxyControl.resume();
        Bundle stub = bundle(IsRuntime.STUB);
        stub.stop();
        stub.start();
        System.setProperty("untilDrained", "true");
        restartWith(client, "syncData");
        Await.until("the drained sync to end", () -> jobEnds("sync").size() == 2);
        assertEquals("Job sync completed", jobEnds("sync").get(1));
        System.clearProperty("untilDrained");

        restartWith(client, "validateSync");
        Await.until("validate to end", () -> jobEnds("validate").size() == 1);
        String verdict = jobEnds("validate").get(0);
        assertTrue(verdict, verdict.startsWith("Job validate completed: verdict IDENTICAL ("));

        assertEquals(userData(SOURCE), userData(TARGET_DIRECT));
        assertEquals(late, count(dataSource(TARGET_DIRECT),
                "SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA WHERE DATA_VALUE = 'late'"));
    }

    /**
     * Inserts, updates and deletes of users' claims, as IS makes them, each committed on its own; halfway through,
     * {@code halfway} waits for the sync to apply some, so the second half is written while the sync runs.
     */
    private static void write(DataSource source, Halfway halfway) throws SQLException, InterruptedException {
        try (Connection c = source.getConnection()) {
            for (int i = 0; i < WRITES; i++) {
                if (i == WRITES / 2) {
                    halfway.await();
                }
                String user = "user" + (i % 50);
                try (PreparedStatement upsert = c.prepareStatement("INSERT INTO IDN_IDENTITY_USER_DATA "
                        + "(TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) VALUES (-1234, ?, ?, ?) ON CONFLICT "
                        + "(TENANT_ID, USER_NAME, DATA_KEY) DO UPDATE SET DATA_VALUE = EXCLUDED.DATA_VALUE")) {
                    upsert.setString(1, user);
                    upsert.setString(2, "http://wso2.org/claims/identity/k" + (i % 7));
                    upsert.setString(3, "v" + i);
                    upsert.executeUpdate();
                }
                if (i % 11 == 0) {
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM IDN_IDENTITY_USER_DATA "
                            + "WHERE TENANT_ID = -1234 AND USER_NAME = ? AND DATA_KEY LIKE '%k3'")) {
                        delete.setString(1, user);
                        delete.executeUpdate();
                    }
                }
                c.commit();
            }
        }
    }

    /** A wait of the writer's. */
    @FunctionalInterface
    private interface Halfway {
        void await() throws InterruptedException;
    }

    /** Sets every claim of {@link #LATE_USERS} to 'late', in one transaction; returns how many rows changed. */
    private static int writeLate(DataSource source) throws SQLException {
        int changed = 0;
        try (Connection c = source.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'late' WHERE TENANT_ID = -1234 AND USER_NAME = ?")) {
            for (String user : LATE_USERS) {
                update.setString(1, user);
                changed += update.executeUpdate();
            }
            c.commit();
        }
        return changed;
    }

    /** The number {@code query} reads, on a connection of its own. */
    private static int count(DataSource ds, String query) {
        try (Connection c = ds.getConnection()) {
            return count(c, query);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static int count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The user data, by the test's own query, in key order. */
    private List<String> userData(String dataSource) {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource(dataSource).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(USER_DATA)) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The stub's datasource {@code name} as now registered: a restart of the stub registers new pools. */
    private DataSource dataSource(String name) {
        ServiceReference<DataSourceService> ref = context.getServiceReference(DataSourceService.class);
        if (ref == null) {
            throw new AssertionError("no DataSourceService is registered");
        }
        try {
            return IdentityDatabase.get(context.getService(ref), name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            context.ungetService(ref);
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }
}
