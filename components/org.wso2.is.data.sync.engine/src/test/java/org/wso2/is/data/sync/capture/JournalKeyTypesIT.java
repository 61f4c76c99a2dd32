/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.Drain;

/**
 * Journal key columns are copies of the source's key columns, read from its catalog at prepare, not IS's declared
 * types: a customised or newer schema (a widened column, a table converted to another character set) must neither
 * fail IS's write in the trigger nor change the key on its way through the journal.
 */
class JournalKeyTypesIT {

    @Test
    void aWidenedPostgreSqlKeyColumnIsCopiedAndALongKeyIsSynced() throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0",
                "IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            for (TestDatabase db : List.of(src, tgt)) {
                IsSchema.create(db, "5.9.0");
                // newer IS scripts declare TOKEN_SCOPE VARCHAR(255); 5.9.0's is 60
                CaptureIT.exec(db, "ALTER TABLE IDN_OAUTH2_ACCESS_TOKEN_SCOPE ALTER COLUMN TOKEN_SCOPE TYPE "
                        + "VARCHAR(255)");
            }
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            assertEquals(List.of("token_id character varying 255", "token_scope character varying 255"),
                    CaptureIT.query(src, "SELECT column_name || ' ' || data_type || ' ' || character_maximum_length "
                            + "FROM information_schema.columns WHERE table_schema = current_schema() "
                            + "AND table_name = 'syn_j_token_scope' AND column_name LIKE 'token%' ORDER BY 1"));

            String scope = "internal_" + String.join("", Collections.nCopies(20, "scope.long")) + "_end";
            int app = CaptureIT.appId(src, "ck-wide");
            CaptureIT.appId(tgt, "ck-wide");
            CaptureIT.exec(src, CaptureIT.insertToken("t1", app),
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) VALUES ('t1', '"
                            + scope + "', -1234)");
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(30));
            TableComparison.assertSame(src.dataSource(), tgt.dataSource(), SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE,
                    ProductVersion.V5_9_0);
            assertEquals(List.of(scope), CaptureIT.query(tgt, "SELECT TOKEN_SCOPE FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE"));
        }
    }

    @Test
    void aMariaDbUserNameWithAFourByteCharacterUnderALatin1DatabaseIsSyncedByteForByte() throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.MARIADB)) {
            for (TestDatabase db : List.of(src, tgt)) {
                // an old schema: latin1 by default, with the table converted to utf8mb4 later
                CaptureIT.exec(db, "ALTER DATABASE `" + db.name() + "` CHARACTER SET latin1 COLLATE latin1_swedish_ci");
                IsSchema.create(db, "5.9.0");
                CaptureIT.exec(db, "ALTER TABLE IDN_IDENTITY_USER_DATA CONVERT TO CHARACTER SET utf8mb4 "
                        + "COLLATE utf8mb4_general_ci");
            }
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            assertEquals(List.of("DATA_KEY utf8mb4 utf8mb4_general_ci", "USER_NAME utf8mb4 utf8mb4_general_ci"),
                    CaptureIT.query(src, "SELECT CONCAT(UPPER(COLUMN_NAME), ' ', CHARACTER_SET_NAME, ' ', "
                            + "COLLATION_NAME) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                            + "AND UPPER(TABLE_NAME) = 'SYN_J_USER_DATA' AND UPPER(COLUMN_NAME) IN ('USER_NAME', 'DATA_KEY') "
                            + "ORDER BY 1"));

            String user = "ana\uD83D\uDE00";
            try (Connection c = src.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                            + "VALUES (-1234, ?, 'k', 'v')")) {
                ps.setString(1, user);
                ps.executeUpdate();
            }
            assertEquals(List.of("616E61F09F9880"), CaptureIT.query(src, "SELECT HEX(USER_NAME) FROM SYN_J_USER_DATA"));
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(30));
            assertEquals(List.of("-1234|616E61F09F9880|6B|v"), hexRows(src));
            assertEquals(hexRows(src), hexRows(tgt));
        }
    }

    private static List<String> hexRows(TestDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT TENANT_ID, HEX(USER_NAME), HEX(DATA_KEY), DATA_VALUE FROM IDN_IDENTITY_USER_DATA "
                        + "ORDER BY HEX(USER_NAME)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }
}
