/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.wso2.is.data.sync.osgi.tests.JobStarts.jobEnds;
import static org.wso2.is.data.sync.osgi.tests.JobStarts.restartWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
import org.wso2.carbon.ndatasource.core.DataSourceService;

/**
 * The sync tool mode whole, through the bundle in Equinox on WSO2's orbit H2, one IS start per job as an operator
 * runs it: prepare; sync while IS writes to the source (the worker and the inlined Failsafe run inside the
 * framework); an IS stop; sync -DuntilDrained, which ends by itself; validate, whose verdict is IDENTICAL. The
 * target then holds, row for row, what the source holds, by the test's own queries.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncFlowTest {

    private static final int WRITES = 400;

    @Inject
    private BundleContext context;

    @Inject
    private DataSourceService dataSources;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("sync-flow");
        return IsRuntime.with(home, IsRuntime.is590Schema(), IsRuntime.prepareSync(home.is590SyncProperties()));
    }

    @Test
    public void prepareSyncUnderWritesDrainAndValidate() throws Exception {
        SynLog.awaitJobCompleted("prepare");
        DataSource source = IdentityDatabase.get(dataSources, "source");
        DataSource target = IdentityDatabase.get(dataSources, "target");
        Bundle client = ClientBundle.find(context);

        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                write(source);
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        }, "is-writes");
        writer.start();
        restartWith(client, "syncData");
        writer.join(60_000);
        assertTrue("the writer did not finish", !writer.isAlive());
        assertEquals(null, writerFailure.get());
        Await.until("the sync to apply changes on the target", () -> {
            try {
                return !rows(target).isEmpty();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        // an IS stop during the sync, then a start that drains and ends
        client.stop();
        assertEquals(1, jobEnds("sync").size());
        assertEquals("Job sync stopped on request", jobEnds("sync").get(0));
        System.setProperty("untilDrained", "true");
        restartWith(client, "syncData");
        Await.until("the drained sync to end", () -> jobEnds("sync").size() == 2);
        assertEquals("Job sync completed", jobEnds("sync").get(1));
        System.clearProperty("untilDrained");

        restartWith(client, "validateSync");
        Await.until("validate to end", () -> jobEnds("validate").size() == 1);
        String verdict = jobEnds("validate").get(0);
        assertTrue(verdict, verdict.startsWith("Job validate completed: verdict IDENTICAL ("));

        assertEquals(rows(source), rows(target));
        assertTrue(rows(target).size() > 0);
    }

    /** Inserts, updates and deletes of users' claims, as IS makes them, each in its own transaction. */
    private static void write(DataSource source) throws SQLException {
        try (Connection c = source.getConnection()) {
            for (int i = 0; i < WRITES; i++) {
                String user = "user" + (i % 50);
                String key = "http://wso2.org/claims/identity/k" + (i % 7);
                try (PreparedStatement merge = c.prepareStatement("MERGE INTO IDN_IDENTITY_USER_DATA "
                        + "(TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) KEY (TENANT_ID, USER_NAME, DATA_KEY) "
                        + "VALUES (-1234, ?, ?, ?)")) {
                    merge.setString(1, user);
                    merge.setString(2, key);
                    merge.setString(3, "v" + i);
                    merge.executeUpdate();
                }
                if (i % 11 == 0) {
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM IDN_IDENTITY_USER_DATA "
                            + "WHERE TENANT_ID = -1234 AND USER_NAME = ? AND DATA_KEY LIKE '%k3'")) {
                        delete.setString(1, user);
                        delete.executeUpdate();
                    }
                }
            }
        }
    }

    private static List<String> rows(DataSource ds) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE FROM "
                     + "IDN_IDENTITY_USER_DATA ORDER BY TENANT_ID, USER_NAME, DATA_KEY")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }
}
