/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.apache.logging.log4j.Level;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Journal ids need not follow commit order (Oracle RAC and DB2 pureScale NOORDER identities, Galera). Here a
 * token refresh is journalled with the new token's insert before the old token's update, which frees the
 * CON_APP_KEY slot. With batchSize 1 the insert comes alone: the stale old row on the target holds the slot, and
 * before the slot was healed the same batch was retried for ever.
 */
class InvertedJournalIdsIT {

    @OnEachDatabase
    void aSlotHeldByAStaleTargetRowIsFreedFromTheSourceState(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=1",
                    "syncInterval=100");
            String old = UUID.randomUUID().toString();
            try (Connection c = src.dataSource().getConnection()) {
                LaggingTokenIT.insertToken(c, old, "alice");
            }
            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));

            String fresh = UUID.randomUUID().toString();
            try (Connection c = src.dataSource().getConnection()) {
                c.setAutoCommit(false);
                LaggingTokenIT.update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'INACTIVE', "
                        + "TOKEN_STATE_ID = ? WHERE TOKEN_ID = ?", UUID.randomUUID().toString(), old);
                LaggingTokenIT.insertToken(c, fresh, "alice");
                c.commit();
            }
            String journal = CaptureNames.of(SyncTable.IDN_OAUTH2_ACCESS_TOKEN).getJournal();
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                // Negated ids reverse the order: the insert of the fresh token now comes first.
                s.executeUpdate("UPDATE " + journal + " SET SYNC_ID = -SYNC_ID");
                try (ResultSet rs = s.executeQuery("SELECT TOKEN_ID FROM " + journal + " ORDER BY SYNC_ID")) {
                    assertTrue(rs.next());
                    assertEquals(fresh, rs.getString(1));
                    assertTrue(rs.next());
                    assertEquals(old, rs.getString(1));
                }
            }

            Drain.untilNothingPending(config, src, tgt, Duration.ofSeconds(20));
            SyncIT.assertAllTablesMatch(src, tgt);
            assertEquals(1, log.find(Level.INFO, m -> m.contains("1 target rows hold a unique value the batch "
                    + "writes")).size(), "the slot was healed, not replaced");
            assertEquals(0, log.find(Level.ERROR, m -> true).size(), "errors: " + log.find(Level.ERROR, m -> true));
        }
    }
}
