/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.logging.log4j.Level;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Journals;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A row the target refuses (an authorization code of an OAuth app that exists only on the source) holds up
 * its own table and nothing else: one ERROR names the table, the key and the database's reason, retries go
 * on quietly, the other tables are synced meanwhile, and once the app is on the target the table catches up
 * without a restart.
 */
class StuckRowIT {

    private static final String CODES = "IDN_OAUTH2_AUTHORIZATION_CODE";
    private static final int MISSING_APP = 4;
    private static final List<SyncTable> OTHERS = Arrays.asList(SyncTable.IDN_IDENTITY_USER_DATA,
            SyncTable.IDN_OAUTH2_ACCESS_TOKEN, SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE);
    private static final Pattern AGAIN = Pattern.compile(CODES + ": syncing again after (\\d+) failed attempts");

    @OnEachDatabase
    void aRefusedRowHoldsUpOnlyItsTableUntilTheCauseIsFixed(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            insertApp(src.dataSource());
            String stuck = insertCode(src.dataSource());
            // user data, tokens with scopes, and more codes (of apps both sides have), committed after the stuck one
            assertEquals(60, new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 0, 11, 0).run(60));

            // Each attempt at a batch takes one target connection; once the other tables are drained, only the
            // stuck table's retries do.
            AtomicInteger targetConnections = new AtomicInteger();
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(),
                    counting(tgt.dataSource(), targetConnections), false);
            sync.start();
            String refused = "refuses key (CODE_ID=" + stuck + "): ";
            Poll.until("an ERROR names the refused code", Duration.ofSeconds(15),
                    () -> !log.find(Level.ERROR, m -> m.contains(refused)).isEmpty());
            String error = log.find(Level.ERROR, m -> m.contains(refused)).get(0).getMessage();
            assertTrue(error.startsWith(CODES + ": the target database 'tgt' ("), error);
            assertTrue(error.contains(foreignKeyMessage(kind)), error);
            assertTrue(error.contains("this table waits and retries until the cause is fixed, the other tables go on"),
                    error);

            // the other tables go on
            Poll.until("the user data and token journals are empty", Duration.ofSeconds(15),
                    () -> Journals.pending(src.dataSource(), OTHERS) == 0);
            for (SyncTable t : OTHERS) {
                TableComparison.assertSame(src.dataSource(), tgt.dataSource(), t, ProductVersion.V5_9_0);
            }
            assertTrue(IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN_SCOPE") > 0);
            // the code table waits, and skips nothing
            assertTrue(Journals.pending(src.dataSource(),
                    Collections.singletonList(SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE)) > 0);
            assertEquals(0, codeRows(tgt.dataSource(), stuck));

            // Backoff grows to 1 s: the attempts up to its cap fail the same way and must not repeat the ERROR.
            int attempts = targetConnections.get();
            Poll.until("five more attempts at the stuck table", Duration.ofSeconds(15),
                    () -> targetConnections.get() >= attempts + 5);
            List<CapturedLog.Line> errors = log.find(Level.ERROR, m -> true);
            assertEquals(1, errors.size(), "one ERROR within the minute: " + errors);

            insertApp(tgt.dataSource());
            Poll.until("the refused code reaches the target", Duration.ofSeconds(15),
                    () -> codeRows(tgt.dataSource(), stuck) == 1);
            Poll.until("an INFO says the code table moves again", Duration.ofSeconds(5),
                    () -> !log.find(Level.INFO, m -> AGAIN.matcher(m).find()).isEmpty());
            Matcher again = AGAIN.matcher(log.find(Level.INFO, m -> AGAIN.matcher(m).find()).get(0).getMessage());
            assertTrue(again.find());
            assertTrue(Integer.parseInt(again.group(1)) >= 3, "failed attempts before the fix: " + again.group(1));
            Poll.until("every journal is empty", Duration.ofSeconds(15),
                    () -> Journals.pending(src.dataSource()) == 0);
            assertTrue(sync.stop(30_000), "the sync stops");
            assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
            SyncIT.assertAllTablesMatch(src, tgt);
            assertEquals(1, log.find(Level.ERROR, m -> true).size(), "errors: " + log.find(Level.ERROR, m -> true));
        }
    }

    /** {@code target}, counting the connections taken from it. */
    private static DataSource counting(DataSource target, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(StuckRowIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The database's own words for a missing parent row. */
    private static String foreignKeyMessage(DatabaseKind kind) {
        switch (kind) {
            case H2:
                return "Referential integrity constraint violation";
            case POSTGRESQL:
                return "violates foreign key constraint";
            default:
                return "a foreign key constraint fails";
        }
    }

    static void insertApp(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, "
                     + "APP_NAME, USERNAME, TENANT_ID, USER_DOMAIN) VALUES (?, ?, ?, 'admin', -1234, 'PRIMARY')")) {
            ps.setInt(1, MISSING_APP);
            ps.setString(2, "ck" + MISSING_APP);
            ps.setString(3, "app" + MISSING_APP);
            ps.executeUpdate();
        }
    }

    /** An authorization code of the app the target lacks; returns its CODE_ID. */
    static String insertCode(DataSource db) throws SQLException {
        String code = UUID.randomUUID().toString();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, "
                     + "AUTHORIZATION_CODE, CONSUMER_KEY_ID, CALLBACK_URL, SCOPE, AUTHZ_USER, TENANT_ID, USER_DOMAIN, "
                     + "TIME_CREATED, VALIDITY_PERIOD, STATE, SUBJECT_IDENTIFIER, AUTHORIZATION_CODE_HASH, IDP_ID) "
                     + "VALUES (?, ?, ?, 'https://app4/cb', 'openid', 'user4', -1234, 'PRIMARY', ?, 300000, "
                     + "'ACTIVE', 'user4', ?, 1)")) {
            ps.setString(1, code);
            ps.setString(2, "code-" + code);
            ps.setInt(3, MISSING_APP);
            // whole seconds: MariaDB's TIMESTAMP keeps no fractions, and the tables are compared in the end
            ps.setTimestamp(4, new Timestamp(System.currentTimeMillis() / 1000 * 1000));
            ps.setString(5, "h" + code.hashCode());
            ps.executeUpdate();
        }
        return code;
    }

    static int codeRows(DataSource db, String codeId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + CODES + " WHERE CODE_ID = ?")) {
            ps.setString(1, codeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
