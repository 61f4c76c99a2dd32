/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.support.VendorClient;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedDatabases;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.Drain;

/**
 * PostgreSQL runs a trigger function with the rights of the user whose statement fired it, unless the function is
 * SECURITY DEFINER. Capture is created by one role (the database owner, as a DBA would) and IS writes as another
 * that holds only IS's table grants and none on our journals: every write must succeed and be captured, whether
 * prepare ran the DDL or psql ran the generated script.
 */
class CaptureRightsIT {

    private static final String IS_ROLE = "is_writer_" + Long.toHexString(System.nanoTime());
    private static final String IS_PASSWORD = "pw" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    @Test
    void isUserWithOnlyTableGrantsWritesThroughCaptureCreatedByPrepare() throws Exception {
        isUserWritesAndEveryWriteIsSynced(false);
    }

    @Test
    void isUserWithOnlyTableGrantsWritesThroughCaptureCreatedByTheGeneratedScript() throws Exception {
        isUserWritesAndEveryWriteIsSynced(true);
    }

    private void isUserWritesAndEveryWriteIsSynced(boolean script) throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", CaptureIT.ALL_TABLES);
        String role = IS_ROLE + (script ? "_s" : "_e");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + IS_PASSWORD + "'");
            try {
                // IS's grants: its four tables, nothing else (the app row is made by the owner)
                CaptureIT.exec(src, "GRANT CONNECT ON DATABASE " + src.name() + " TO " + role,
                        "GRANT USAGE ON SCHEMA public TO " + role,
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON IDN_IDENTITY_USER_DATA, IDN_OAUTH2_ACCESS_TOKEN, "
                                + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE, IDN_OAUTH2_AUTHORIZATION_CODE TO " + role);
                if (script) {
                    Jobs.run(JobType.GENERATE_DDL, config, src.dataSource(), tgt.dataSource(), dir);
                    VendorClient.run(src, dir.resolve("identity_source.sql"));
                } else {
                    Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
                }
                assertEquals(Arrays.asList("f", "f"), CaptureIT.query(src, "SELECT has_table_privilege('"
                        + role + "', 'syn_j_token', 'INSERT') UNION ALL SELECT has_table_privilege('" + role
                        + "', 'syn_j_user_data', 'SELECT')"));
                int app = CaptureIT.appId(src, "ck-rights");

                DataSource is = isUser(src, role);
                write(is, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                                + "VALUES (-1234, 'alice', 'k1', 'v1')",
                        "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                                + "VALUES (-1234, 'bob', 'k1', 'v1')",
                        "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'v2' WHERE USER_NAME = 'alice'",
                        "UPDATE IDN_IDENTITY_USER_DATA SET DATA_KEY = 'k2' WHERE USER_NAME = 'alice'",
                        "DELETE FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'bob'",
                        CaptureIT.insertToken("t1", app),
                        "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) "
                                + "VALUES ('t1', 'openid', -1234)",
                        "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'REVOKED', TOKEN_STATE_ID = 'r1' "
                                + "WHERE TOKEN_ID = 't1'",
                        CaptureIT.insertToken("t2", app),
                        "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID = 't2'",
                        "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE, CONSUMER_KEY_ID, "
                                + "TENANT_ID, STATE, IDP_ID) VALUES ('c1', 'code', " + app + ", -1234, 'ACTIVE', 1)");
                assertEquals(Arrays.asList("I[-1234, alice, k1]", "I[-1234, bob, k1]", "U[-1234, alice, k1]",
                        "U[-1234, alice, k2]", "D[-1234, alice, k1]", "D[-1234, bob, k1]"),
                        CaptureIT.journal(src, SyncTable.IDN_IDENTITY_USER_DATA));

                // the app is not synced: the target gets it as a restored dump would bring it
                CaptureIT.appId(tgt, "ck-rights");
                Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(30));
                TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
                assertEquals(List.of("-1234|alice|k2|v2"), CaptureIT.query(tgt, "SELECT TENANT_ID || '|' || "
                        + "USER_NAME || '|' || DATA_KEY || '|' || DATA_VALUE FROM IDN_IDENTITY_USER_DATA"));
            } finally {
                // the database goes first (with the grants in it), then the role
                src.close();
                admin("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    private static DataSource isUser(TestDatabase db, String role) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(role);
        ds.setPassword(IS_PASSWORD);
        return ds;
    }

    private static void write(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = EmbeddedDatabases.postgres().adminDataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
