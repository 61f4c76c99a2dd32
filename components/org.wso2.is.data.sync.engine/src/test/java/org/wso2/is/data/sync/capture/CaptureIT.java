/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** Prepare, capture and clean on real H2, PostgreSQL and MariaDB databases with the IS 5.9.0 tables. */
public class CaptureIT {

    static final String ALL_TABLES = "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE,"
            + "IDN_OAUTH2_AUTHORIZATION_CODE";

    private static SyncConfiguration all() throws Exception {
        return Jobs.config("5.9.0", "5.9.0", ALL_TABLES);
    }

    static List<String> journal(TestDatabase db, SyncTable table) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            Dialect d = Dialects.forConnection(c);
            List<String> entries = new ArrayList<>();
            for (JournalEntry e : new Journal(d, CaptureNames.of(table)).readOldest(c, 1000)) {
                entries.add(e.getOperation() + "" + e.getKey());
            }
            return entries;
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    public static void exec(TestDatabase db, String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of every row of {@code query}, as text. */
    public static List<String> query(TestDatabase db, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static int appId(TestDatabase db, String consumerKey) throws SQLException {
        exec(db, "INSERT INTO IDN_OAUTH_CONSUMER_APPS (CONSUMER_KEY, APP_NAME, TENANT_ID) VALUES ('" + consumerKey
                + "', 'app', -1234)");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM IDN_OAUTH_CONSUMER_APPS WHERE CONSUMER_KEY = '"
                     + consumerKey + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String insertToken(String tokenId, int appId) {
        return "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, CONSUMER_KEY_ID, AUTHZ_USER, TENANT_ID, "
                + "USER_DOMAIN, USER_TYPE, GRANT_TYPE, TIME_CREATED, REFRESH_TOKEN_TIME_CREATED, VALIDITY_PERIOD, "
                + "TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, IDP_ID) VALUES ('" + tokenId + "', 'at-" + tokenId
                + "', " + appId + ", 'alice', -1234, 'PRIMARY', 'APPLICATION_USER', 'password', CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP, 3600000, 'hash', 'ACTIVE', 'NONE', 1)";
    }

    @OnEachDatabase
    void capturesInsertUpdateDeleteAndKeyChange(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            Jobs.run(JobType.PREPARE, all(), src.dataSource(), tgt.dataSource(), null);
            int app = appId(src, "ck1");
            exec(src,
                    "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                            + "VALUES (-1234, 'alice', 'k1', 'v1')",
                    "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'v2' WHERE USER_NAME = 'alice'",
                    "UPDATE IDN_IDENTITY_USER_DATA SET DATA_KEY = 'k2' WHERE USER_NAME = 'alice'",
                    "DELETE FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'alice'",
                    insertToken("t1", app),
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) "
                            + "VALUES ('t1', 'openid', -1234)",
                    "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'REVOKED', TOKEN_STATE_ID = 'x' "
                            + "WHERE TOKEN_ID = 't1'",
                    "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID = 't1'",
                    "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE, CONSUMER_KEY_ID, "
                            + "TENANT_ID, STATE, IDP_ID) VALUES ('c1', 'code', " + app + ", -1234, 'ACTIVE', 1)");

            assertEquals(Arrays.asList("I[-1234, alice, k1]", "U[-1234, alice, k1]", "U[-1234, alice, k2]",
                    "D[-1234, alice, k1]", "D[-1234, alice, k2]"), journal(src, SyncTable.IDN_IDENTITY_USER_DATA));
            assertEquals(Arrays.asList("I[t1]", "U[t1]", "D[t1]"), journal(src, SyncTable.IDN_OAUTH2_ACCESS_TOKEN));
            // MariaDB fires no trigger for rows a foreign-key cascade deletes; the target's own cascade does it.
            assertEquals(kind == DatabaseKind.MARIADB ? Arrays.asList("I[t1, openid]")
                            : Arrays.asList("I[t1, openid]", "D[t1, openid]"),
                    journal(src, SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE));
            assertEquals(Arrays.asList("I[c1]"), journal(src, SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE));
        }
    }

    @OnEachDatabase
    void prepareTwiceKeepsCapturedChangesAndCreatesNothingTwice(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            Jobs.run(JobType.PREPARE, all(), src.dataSource(), tgt.dataSource(), null);
            exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (1, 'bob', 'k', 'v')");
            Set<String> once = Catalog.snapshot(src);
            Jobs.run(JobType.PREPARE, all(), src.dataSource(), tgt.dataSource(), null);
            assertEquals(once, Catalog.snapshot(src));
            assertEquals(Arrays.asList("I[1, bob, k]"), journal(src, SyncTable.IDN_IDENTITY_USER_DATA));
            exec(src, "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'w'");
            assertEquals(Arrays.asList("I[1, bob, k]", "U[1, bob, k]"), journal(src, SyncTable.IDN_IDENTITY_USER_DATA));
        }
    }

    @OnEachDatabase
    void cleanTwiceLeavesBothCatalogsAsTheyWereBeforePrepare(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            Set<String> sourceBefore = Catalog.snapshot(src);
            Set<String> targetBefore = Catalog.snapshot(tgt);
            Jobs.run(JobType.PREPARE, all(), src.dataSource(), tgt.dataSource(), null);
            // The target gets the capture objects as a restored dump of the source would bring them.
            Jobs.run(JobType.PREPARE, all(), tgt.dataSource(), src.dataSource(), null);
            Set<String> added = new HashSet<>(Catalog.snapshot(src));
            added.removeAll(sourceBefore);
            assertTrue(added.stream().anyMatch(o -> o.contains("SYN_J_TOKEN")), added.toString());
            assertTrue(added.stream().anyMatch(o -> o.startsWith("TRIGGER SYN_T_TOKEN")), added.toString());

            Jobs.run(JobType.CLEAN, all(), src.dataSource(), tgt.dataSource(), null);
            assertEquals(sourceBefore, Catalog.snapshot(src));
            assertEquals(targetBefore, Catalog.snapshot(tgt));
            Jobs.run(JobType.CLEAN, all(), src.dataSource(), tgt.dataSource(), null);
            assertEquals(sourceBefore, Catalog.snapshot(src));
            assertEquals(targetBefore, Catalog.snapshot(tgt));
        }
    }

    @OnEachDatabase
    void preflightFailureNamesEveryProblemAndCreatesNothing(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            exec(src, "DROP TABLE IDN_IDENTITY_USER_DATA");
            exec(tgt, "ALTER TABLE IDN_OAUTH2_AUTHORIZATION_CODE ADD EXTRA_COL INTEGER");
            Set<String> before = Catalog.snapshot(src);
            String name = kind == DatabaseKind.H2 ? "H2" : kind == DatabaseKind.POSTGRESQL ? "PostgreSQL"
                    : "MySQL/MariaDB";
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE,
                    Jobs.config("5.7.0", "5.9.0", ALL_TABLES), src.dataSource(), tgt.dataSource(), null));
            String nl = System.lineSeparator();
            assertEquals("nothing was created; fix these first:" + nl
                    + "  - the source database 'src' (" + name + "): table IDN_IDENTITY_USER_DATA not found" + nl
                    + "  - the source database 'src' (" + name + "): table IDN_OAUTH2_ACCESS_TOKEN has column IDP_ID "
                    + "that IS 5.7.0 does not have" + nl
                    + "  - the source database 'src' (" + name + "): table IDN_OAUTH2_AUTHORIZATION_CODE has column "
                    + "IDP_ID that IS 5.7.0 does not have" + nl
                    + "  - the target database 'tgt' (" + name + "): table IDN_OAUTH2_AUTHORIZATION_CODE has column "
                    + "EXTRA_COL that IS 5.9.0 does not have", e.getMessage());
            assertEquals(before, Catalog.snapshot(src));
        }
    }

    @OnEachDatabase
    void aFailingStatementDropsWhatThisRunCreated(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            // A foreign object holding the name of the second table's journal makes its CREATE TABLE fail.
            exec(src, "CREATE VIEW SYN_J_AUTHZ_CODE AS SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE");
            Set<String> before = Catalog.snapshot(src);
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE,
                    Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_AUTHORIZATION_CODE"),
                    src.dataSource(), tgt.dataSource(), null));
            int created = kind == DatabaseKind.H2 ? 2 : kind == DatabaseKind.POSTGRESQL ? 3 : 4;
            assertTrue(e.getMessage().startsWith("creating table SYN_J_AUTHZ_CODE on the source database 'src' ("),
                    e.getMessage());
            // PostgreSQL qualifies every name with the schema prepare found the IS tables in
            assertTrue(e.getMessage().contains("; statement: CREATE TABLE "
                    + (kind == DatabaseKind.POSTGRESQL ? "\"public\"." : "") + "SYN_J_AUTHZ_CODE (SYNC_ID BIGINT"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; the " + created + " objects created by this run were dropped "
                    + "again"), e.getMessage());
            assertEquals(before, Catalog.snapshot(src));
        }
    }

    @OnEachDatabase
    void aJournalThatRefusesTheTriggersInsertFailsPrepareNamingItAndTheDatabase(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            // A journal left from elsewhere that no trigger insert fits: SYNC_ID has no default.
            exec(src, "CREATE TABLE SYN_J_USER_DATA (SYNC_ID BIGINT NOT NULL PRIMARY KEY, OPERATION CHAR(1) NOT NULL, "
                    + "TENANT_ID INTEGER NOT NULL, USER_NAME VARCHAR(255) NOT NULL, DATA_KEY VARCHAR(255) NOT NULL)");
            Set<String> before = Catalog.snapshot(src);
            JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE,
                    Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA"), src.dataSource(), tgt.dataSource(), null));
            String name = kind == DatabaseKind.H2 ? "H2" : kind == DatabaseKind.POSTGRESQL ? "PostgreSQL"
                    : "MySQL/MariaDB";
            int created = kind == DatabaseKind.H2 ? 1 : kind == DatabaseKind.POSTGRESQL ? 2 : 3;
            assertTrue(e.getMessage().startsWith("the journal SYN_J_USER_DATA on the source database 'src' (" + name
                    + ") does not take an insert, so every IS write to IDN_IDENTITY_USER_DATA would fail: "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; the " + created + " objects created by this run were dropped "
                    + "again"), e.getMessage());
            assertEquals(before, Catalog.snapshot(src));
            // and IS still writes: no trigger of ours is left on the table
            exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (1, 'bob', 'k', 'v')");
        }
    }
}
