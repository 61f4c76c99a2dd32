/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;

import org.apache.logging.log4j.Level;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Journals;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A backlog in which the scope journal is ahead of the token journal: the oldest scope entries belong to a
 * token whose own entries, and those of the token it replaced in CON_APP_KEY, are further back in the token
 * journal than one batch reaches. Re-copying that token early puts two ACTIVE rows in one CON_APP_KEY slot on
 * the target, and every retry reads the same batch: the token group stood still for good (found by
 * {@link SyncKillIT} on MariaDB, whose cascades write no scope entries, so the scope journal runs ahead).
 */
class LaggingTokenIT {

    private static final String INSERT_TOKEN = "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, "
            + "REFRESH_TOKEN, CONSUMER_KEY_ID, AUTHZ_USER, TENANT_ID, USER_DOMAIN, USER_TYPE, GRANT_TYPE, "
            + "TIME_CREATED, REFRESH_TOKEN_TIME_CREATED, VALIDITY_PERIOD, REFRESH_TOKEN_VALIDITY_PERIOD, "
            + "TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, SUBJECT_IDENTIFIER, ACCESS_TOKEN_HASH, "
            + "REFRESH_TOKEN_HASH, IDP_ID) VALUES (?, ?, ?, 1, ?, -1234, 'PRIMARY', 'APPLICATION_USER', 'password', "
            + "?, ?, 3600000, 86400000, 'scopehash', 'ACTIVE', 'NONE', ?, ?, ?, 1)";
    private static final int BATCH = 5;

    @OnEachDatabase
    void tokensOfAScopeJournalThatRunsAheadWaitForTheirOwnEntries(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=" + BATCH,
                    "syncInterval=100");
            String old = UUID.randomUUID().toString();
            String other = UUID.randomUUID().toString();
            try (Connection c = src.dataSource().getConnection()) {
                insertToken(c, old, "alice");
                insertToken(c, other, "bob");
            }
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));

            String fresh = UUID.randomUUID().toString();
            try (Connection c = src.dataSource().getConnection()) {
                // more token entries than one batch takes, and no scope entries
                for (int i = 0; i <= BATCH; i++) {
                    update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET VALIDITY_PERIOD = ? WHERE TOKEN_ID = ?", 1000 + i,
                            other);
                }
                // a refresh, as IS does it: the old token leaves the CON_APP_KEY slot, the new one takes it
                c.setAutoCommit(false);
                update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'INACTIVE', TOKEN_STATE_ID = ? "
                        + "WHERE TOKEN_ID = ?", UUID.randomUUID().toString(), old);
                insertToken(c, fresh, "alice");
                c.commit();
            }
            assertEquals(BATCH + 3, pending(src, SyncTable.IDN_OAUTH2_ACCESS_TOKEN));
            assertEquals(1, pending(src, SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE));

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));
            SyncIT.assertAllTablesMatch(src, tgt);
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.find(Level.ERROR, m -> true));
        }
    }

    /** A token of app 1 with one scope, committed with it. */
    static void insertToken(Connection c, String token, String user) throws SQLException {
        // whole seconds: MariaDB's TIMESTAMP keeps no fractions, and the tables are compared in the end
        Timestamp now = new Timestamp(System.currentTimeMillis() / 1000 * 1000);
        update(c, INSERT_TOKEN, token, "at-" + token, "rt-" + token, user, now, now, user + "@carbon.super",
                "h" + token.hashCode(), "r" + token.hashCode());
        update(c, "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) "
                + "VALUES (?, 'openid', -1234)", token);
    }

    static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static long pending(TestDatabase src, SyncTable table) throws SQLException {
        return Journals.pending(src.dataSource(), Collections.singletonList(table));
    }
}
