/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.changelog.LogCaptureIT;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * StuckRowIT in log capture: the refused authorization code's key comes from the group's queue in memory, not from a
 * journal. The ERROR must still name the key and the database's reason, once, the other tables go on, and once the
 * app is on the target the code arrives and the drain leaves the target identical.
 */
class LogStuckRowIT {

    @Test
    void aRefusedRowFromTheQueueIsNamedAndArrivesOnceTheCauseIsFixed() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"));
             TestDatabase src = LogCaptureIT.replicatingSource(server); TestDatabase tgt = server.createDatabase();
             CapturedLog log = CapturedLog.attach()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            SyncConfiguration config = LogCaptureIT.logConfig();
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            StuckRowIT.insertApp(src.dataSource());
            String stuck = StuckRowIT.insertCode(src.dataSource());
            assertEquals(60, new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 0, 11, 0).run(60));

            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            String refused = "refuses key (CODE_ID=" + stuck + "): ";
            Poll.until("an ERROR names the refused code", Duration.ofSeconds(15),
                    () -> !log.find(Level.ERROR, m -> m.contains(refused)).isEmpty());
            String error = log.find(Level.ERROR, m -> m.contains(refused)).get(0).getMessage();
            assertTrue(error.startsWith("IDN_OAUTH2_AUTHORIZATION_CODE: the target database 'tgt' ("), error);
            assertTrue(error.contains("violates foreign key constraint"), error);
            Poll.until("the other tables go on", Duration.ofSeconds(15),
                    () -> IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN")
                            == IsTraffic.count(src.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN")
                            && IsTraffic.count(tgt.dataSource(), "IDN_IDENTITY_USER_DATA")
                            == IsTraffic.count(src.dataSource(), "IDN_IDENTITY_USER_DATA"));
            assertEquals(0, StuckRowIT.codeRows(tgt.dataSource(), stuck));

            StuckRowIT.insertApp(tgt.dataSource());
            Poll.until("the refused code reaches the target", Duration.ofSeconds(30),
                    () -> StuckRowIT.codeRows(tgt.dataSource(), stuck) == 1);
            assertTrue(sync.stop(30_000), "the sync stops");
            JobOutcome drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true)
                    .runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
            List<CapturedLog.Line> errors = log.find(Level.ERROR, m -> true);
            assertEquals(1, errors.size(), "one ERROR: " + errors);
        }
    }
}
