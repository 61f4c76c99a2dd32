/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A batch takes the tokens whose only entries are inserts as absent from the target, without looking them up.
 * The guess is wrong where the target has the row after all (a batch applied again after a crash, a dump taken
 * after prepare): the target's primary key refuses the insert and the batch is written again with every key
 * looked up, so the stale row is updated in place and its stale scopes go. Where the target has no foreign key
 * from the scopes to the tokens, scopes may be there without their token, and their delete is not skipped.
 */
class NewKeysIT {

    @OnEachDatabase
    void aTokenTakenAsNewThatTheTargetHasIsUpdatedInPlaceWithItsScopes(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=10",
                    "syncInterval=100");
            try (Connection c = src.dataSource().getConnection()) {
                for (int i = 0; i < 5; i++) {
                    LaggingTokenIT.insertToken(c, "token-" + i, "user" + i);
                }
            }
            // The target already has token-2, in an older state and with a scope the source never had.
            try (Connection c = tgt.dataSource().getConnection()) {
                LaggingTokenIT.insertToken(c, "token-2", "user2");
                LaggingTokenIT.update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'REVOKED', "
                        + "VALIDITY_PERIOD = 1 WHERE TOKEN_ID = 'token-2'");
                LaggingTokenIT.update(c, "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, "
                        + "TENANT_ID) VALUES ('token-2', 'stale', -1234)");
            }

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));

            SyncIT.assertAllTablesMatch(src, tgt);
            assertEquals(List.of("token-0|openid", "token-1|openid", "token-2|openid", "token-3|openid",
                    "token-4|openid"), scopes(tgt));
            assertEquals(0, log.find(Level.INFO, m -> m.contains("replacing the batch")).size(),
                    "updated in place, not replaced");
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.find(Level.ERROR, m -> true));
        }
    }

    @OnEachDatabase
    void withoutTheForeignKeyTheScopesOfANewTokenAreStillDeleted(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=10",
                    "syncInterval=100");
            dropScopeForeignKey(tgt, kind);
            // A scope on the target whose token it does not have, under a name the source's scopes do not use.
            try (Connection c = tgt.dataSource().getConnection()) {
                LaggingTokenIT.update(c, "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, "
                        + "TENANT_ID) VALUES ('token-1', 'orphan', -1234)");
            }
            try (Connection c = src.dataSource().getConnection()) {
                for (int i = 0; i < 3; i++) {
                    LaggingTokenIT.insertToken(c, "token-" + i, "user" + i);
                }
            }

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));

            SyncIT.assertAllTablesMatch(src, tgt);
            assertEquals(List.of("token-0|openid", "token-1|openid", "token-2|openid"), scopes(tgt));
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.find(Level.ERROR, m -> true));
        }
    }

    /**
     * Batches of 1,000 keys, which PostgreSQL and MariaDB fetch, look up and acknowledge in one statement each: 1,200
     * new tokens, 600 of which the target has in an older state (so every key of the first batch is looked up after
     * its insert was refused).
     */
    @OnEachDatabase
    void fullBatchesOfAThousandKeysReachTheTargetRowForRow(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=1000",
                    "syncInterval=100");
            try (Connection c = src.dataSource().getConnection()) {
                c.setAutoCommit(false);
                for (int i = 0; i < 1200; i++) {
                    LaggingTokenIT.insertToken(c, "token-" + i, "user" + i);
                }
                c.commit();
            }
            try (Connection c = tgt.dataSource().getConnection()) {
                c.setAutoCommit(false);
                for (int i = 0; i < 1200; i += 2) {
                    LaggingTokenIT.insertToken(c, "token-" + i, "user" + i);
                }
                LaggingTokenIT.update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'REVOKED'");
                c.commit();
            }

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(60));

            SyncIT.assertAllTablesMatch(src, tgt);
            assertEquals(1200, scopes(tgt).size());
            assertEquals(0, log.find(Level.INFO, m -> m.contains("replacing the batch")).size(),
                    "updated in place, not replaced");
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.find(Level.ERROR, m -> true));
        }
    }

    private static List<String> scopes(TestDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT TOKEN_ID, TOKEN_SCOPE FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE "
                    + "ORDER BY TOKEN_ID, TOKEN_SCOPE")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
        }
        return rows;
    }

    private static void dropScopeForeignKey(TestDatabase db, DatabaseKind kind) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            DatabaseMetaData md = c.getMetaData();
            String table = kind == DatabaseKind.POSTGRESQL ? "idn_oauth2_access_token_scope"
                    : "IDN_OAUTH2_ACCESS_TOKEN_SCOPE";
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = md.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
                while (rs.next()) {
                    keys.add(rs.getString("FK_NAME"));
                }
            }
            assertEquals(1, keys.size(), "the scope table's foreign keys: " + keys);
            s.execute("ALTER TABLE IDN_OAUTH2_ACCESS_TOKEN_SCOPE "
                    + (kind == DatabaseKind.MARIADB ? "DROP FOREIGN KEY " : "DROP CONSTRAINT ") + keys.get(0));
        }
    }
}
