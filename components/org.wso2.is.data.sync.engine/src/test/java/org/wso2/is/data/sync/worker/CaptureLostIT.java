/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.capture.CaptureIT;
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
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A DBA script swaps a synced table for a new one while sync runs (renames it away and creates an empty copy, as
 * token cleanup procedures do): the triggers go with the old table. Within one progress interval an ERROR names the
 * table, the time since which changes may be missing and what to do; that group stops, and the others go on.
 */
class CaptureLostIT {

    private static final long PROGRESS_MILLIS = 1_000;
    /** Scheduling slack of a busy 2-core build machine. */
    private static final long SLACK_MILLIS = 2_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aSwappedTableStopsItsGroupWithAnErrorAndTheOthersGoOn(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            assertEquals(PROGRESS_MILLIS, config.getProgressIntervalMillis());
            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            assertEquals(30, new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 0, 7, 0).run(30));
            Poll.until("the first changes are synced", Duration.ofSeconds(30),
                    () -> Journals.pending(src.dataSource()) == 0);

            long swapped = System.nanoTime();
            CaptureIT.exec(src, kind == DatabaseKind.POSTGRESQL
                    ? new String[] {"ALTER TABLE IDN_IDENTITY_USER_DATA RENAME TO IDN_IDENTITY_USER_DATA_OLD",
                        "CREATE TABLE IDN_IDENTITY_USER_DATA (LIKE IDN_IDENTITY_USER_DATA_OLD INCLUDING ALL)"}
                    : new String[] {"RENAME TABLE IDN_IDENTITY_USER_DATA TO IDN_IDENTITY_USER_DATA_OLD",
                        "CREATE TABLE IDN_IDENTITY_USER_DATA LIKE IDN_IDENTITY_USER_DATA_OLD"});
            String lost = "IDN_IDENTITY_USER_DATA: change capture of IDN_IDENTITY_USER_DATA is lost on the source "
                    + "database 'src' (" + (kind == DatabaseKind.POSTGRESQL ? "PostgreSQL" : "MySQL/MariaDB") + "): ";
            Poll.until("an ERROR says the capture is lost", Duration.ofSeconds(30),
                    () -> !log.find(Level.ERROR, m -> m.startsWith(lost)).isEmpty());
            long took = (System.nanoTime() - swapped) / 1_000_000;
            assertTrue(took <= PROGRESS_MILLIS + SLACK_MILLIS, "the ERROR came " + took + " ms after the swap");
            List<CapturedLog.Line> errors = log.find(Level.ERROR, m -> m.startsWith(lost));
            assertEquals(1, errors.size(), errors.toString());
            String error = errors.get(0).getMessage();
            String triggers = kind == DatabaseKind.POSTGRESQL
                    ? "trigger SYN_T_USER_DATA is not on table IDN_IDENTITY_USER_DATA"
                    : "trigger SYN_T_USER_DATA_I is not on table IDN_IDENTITY_USER_DATA, trigger SYN_T_USER_DATA_U is "
                    + "not on table IDN_IDENTITY_USER_DATA, trigger SYN_T_USER_DATA_D is not on table "
                    + "IDN_IDENTITY_USER_DATA";
            assertTrue(error.startsWith(lost + triggers + ". Changes to IDN_IDENTITY_USER_DATA since 20"), error);
            assertTrue(error.endsWith(" (when its capture was last seen in place) may be missing from the target. "
                    + "This table group has stopped; the other tables go on. To recover: run prepare again, then "
                    + "resync --table IDN_IDENTITY_USER_DATA, then restart sync"), error);

            // The stopped group takes nothing from its journal any more: an entry put there stays.
            CaptureIT.exec(src, "INSERT INTO SYN_J_USER_DATA (OPERATION, TENANT_ID, USER_NAME, DATA_KEY) "
                    + "VALUES ('I', -1234, 'nobody', 'k')");
            // The other groups go on: new tokens reach the target.
            long tokens = IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN");
            assertEquals(30, new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 1, 8, 0).run(30));
            List<SyncTable> others = Arrays.asList(SyncTable.IDN_OAUTH2_ACCESS_TOKEN,
                    SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE, SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE);
            Poll.until("the token and code journals are empty", Duration.ofSeconds(30),
                    () -> Journals.pending(src.dataSource(), others) == 0);
            assertTrue(IsTraffic.count(tgt.dataSource(), "IDN_OAUTH2_ACCESS_TOKEN") > tokens);
            for (SyncTable t : others) {
                TableComparison.assertSame(src.dataSource(), tgt.dataSource(), t, ProductVersion.V5_9_0);
            }
            assertEquals(1, Journals.pending(src.dataSource(),
                    Collections.singletonList(SyncTable.IDN_IDENTITY_USER_DATA)));

            assertTrue(sync.stop(30_000), "the sync stops");
            assertEquals(JobOutcome.Status.STOPPED, sync.await(1, TimeUnit.SECONDS).getStatus());
            assertEquals(1, log.find(Level.ERROR, m -> true).size(), log.find(Level.ERROR, m -> true).toString());
        }
    }
}
