/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** A rename that changes only the case of a key on a case-insensitive MariaDB reaches a case-sensitive target. */
class CaseOnlyKeyRenameIT {

    static String names(TestDatabase db) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT USER_NAME FROM IDN_IDENTITY_USER_DATA ORDER BY USER_NAME")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append(';');
            }
        }
        return sb.toString();
    }

    @Test
    void theOldSpellingLeavesTheTarget() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.H2)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            StaleSnapshotIT.exec(src.dataSource(), "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (-1234, 'Bob', 'k', 'v')");
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            StaleSnapshotIT.exec(src.dataSource(), "UPDATE IDN_IDENTITY_USER_DATA SET USER_NAME = 'bob' WHERE USER_NAME = 'Bob'");
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            assertEquals(names(src), names(tgt));
        }
    }
}
