/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * MariaDB compares IS's text keys case- and trailing-space-insensitively. A rename that changes only the case or
 * the trailing spaces of a key journals the new key and the old one; with one entry per batch, the batch of the old
 * key fetches the renamed row (the database calls it equal), and a worker that then compared in Java, or deleted by
 * the old key on a case-insensitive target, deleted the renamed row there.
 */
class CaseInsensitiveKeysIT {

    @Test
    void caseAndTrailingSpaceRenamesReachACaseInsensitiveTargetByteForByte() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.MARIADB)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA", "batchSize=1",
                    "syncInterval=100");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            StaleSnapshotIT.exec(src.dataSource(), "INSERT INTO IDN_IDENTITY_USER_DATA VALUES "
                    + "(-1234, 'Bob', 'http://wso2.org/claims/locked', 'false'), "
                    + "(-1234, 'carol', 'http://wso2.org/claims/locked', 'true'), "
                    + "(-1234, 'dave', 'Key', 'v1')");
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));
            assertEquals(bytes(src), bytes(tgt));

            StaleSnapshotIT.exec(src.dataSource(), "UPDATE IDN_IDENTITY_USER_DATA SET USER_NAME = 'bob' "
                    + "WHERE USER_NAME = 'Bob'");
            StaleSnapshotIT.exec(src.dataSource(), "UPDATE IDN_IDENTITY_USER_DATA SET USER_NAME = 'carol ' "
                    + "WHERE USER_NAME = 'carol'");
            StaleSnapshotIT.exec(src.dataSource(), "UPDATE IDN_IDENTITY_USER_DATA SET DATA_KEY = 'KEY', "
                    + "DATA_VALUE = 'v2' WHERE USER_NAME = 'dave'");
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));

            List<String> expected = bytes(src);
            assertEquals(List.of("-1234|626F62|687474703A2F2F77736F322E6F72672F636C61696D732F6C6F636B6564|false",
                    "-1234|6361726F6C20|687474703A2F2F77736F322E6F72672F636C61696D732F6C6F636B6564|true",
                    "-1234|64617665|4B4559|v2"), expected);
            assertEquals(expected, bytes(tgt));
        }
    }

    /** Every row with its text keys as hex: what the database holds, byte for byte, whatever its collation. */
    private static List<String> bytes(TestDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // a fresh snapshot: the pool may hand out a connection inside an old transaction
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT TENANT_ID, HEX(USER_NAME), HEX(DATA_KEY), DATA_VALUE "
                    + "FROM IDN_IDENTITY_USER_DATA ORDER BY HEX(USER_NAME)")) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
        }
        return rows;
    }
}
