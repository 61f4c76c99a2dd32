/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Level;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.job.Verdict;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.validate.TableDifferences.Kind;
import org.wso2.is.data.sync.worker.SyncIT;

/** What validate finds, --repair and resync queue, and a drain puts right. */
class RepairIT {

    private static void run(JobType type, SyncConfiguration config, TestDatabase src, TestDatabase tgt,
                            JobOptions options) throws Exception {
        new EngineJobs().create(type).run(new JobContext(config, src.dataSource(), tgt.dataSource(), options, new StopSignal()));
    }

    private static void drain(SyncConfiguration config, TestDatabase src, TestDatabase tgt) throws Exception {
        Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
    }

    @OnEachDatabase
    void validateRepairQueuesEveryDifferenceAndADrainMakesThePairIdentical(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 1, 41, 0.1).run(60);
            drain(config, src, tgt);
            String token = first(src, "SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID IN "
                    + "(SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE) ORDER BY TOKEN_ID");
            String code = first(src, "SELECT CODE_ID FROM IDN_OAUTH2_AUTHORIZATION_CODE ORDER BY CODE_ID");
            String user = first(src, "SELECT USER_NAME FROM IDN_IDENTITY_USER_DATA ORDER BY USER_NAME");
            CaptureIT.exec(tgt,
                    // missing (with its scopes: the target cascades)
                    "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID = '" + token + "'",
                    // extra
                    "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                            + "VALUES (7, 'mallory', 'k', 'v')",
                    // changed
                    "UPDATE IDN_OAUTH2_AUTHORIZATION_CODE SET CALLBACK_URL = 'https://evil/cb' WHERE CODE_ID = '"
                            + code + "'",
                    "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'tampered' WHERE USER_NAME = '" + user + "'");
            long changedUsers = CaptureIT.query(tgt, "SELECT DATA_KEY FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = '"
                    + user + "'").size();
            long scopes = CaptureIT.query(src, "SELECT TOKEN_SCOPE FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE WHERE TOKEN_ID = '"
                    + token + "'").size();

            ValidateJob repair = new ValidateJob();
            try (CapturedLog log = CapturedLog.attach()) {
                ValidateVerdictIT.validateFails(Verdict.DIFFERENCES, repair, config, src, tgt,
                        JobOptions.defaults().withRepair());
                Map<SyncTable, TableDifferences> found = ValidateVerdictIT.byTable(repair);
                assertEquals(List.of(token), found.get(SyncTable.IDN_OAUTH2_ACCESS_TOKEN).differences(Kind.MISSING));
                assertEquals(scopes, found.get(SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE).count(Kind.MISSING));
                assertEquals(List.of("7, mallory, k"),
                        found.get(SyncTable.IDN_IDENTITY_USER_DATA).differences(Kind.EXTRA));
                assertEquals(changedUsers, found.get(SyncTable.IDN_IDENTITY_USER_DATA).count(Kind.DIFFERENT));
                assertEquals(List.of(code),
                        found.get(SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE).differences(Kind.DIFFERENT));
                logged(log, "IDN_OAUTH2_ACCESS_TOKEN: queued 1 differing keys for sync in SYN_J_TOKEN");
                logged(log, "IDN_OAUTH2_ACCESS_TOKEN_SCOPE: queued " + scopes
                        + " differing keys for sync in SYN_J_TOKEN_SCOPE");
                logged(log, "IDN_IDENTITY_USER_DATA: queued " + (changedUsers + 1)
                        + " differing keys for sync in SYN_J_USER_DATA");
                logged(log, "IDN_OAUTH2_AUTHORIZATION_CODE: queued 1 differing keys for sync in SYN_J_AUTHZ_CODE");
            }
            // The queued keys are pending now, not yet repaired.
            ValidateVerdictIT.validateFails(Verdict.PENDING, new ValidateJob(), config, src, tgt,
                    JobOptions.defaults());

            drain(config, src, tgt);
            new ValidateJob().run(new JobContext(config, src.dataSource(), tgt.dataSource(), JobOptions.defaults(),
                    new StopSignal()));
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
        }
    }

    @OnEachDatabase
    void resyncQueuesEveryKeyOfTheTableAndADrainRestoresLostRows(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 1, 51, 0.1).run(60);
            drain(config, src, tgt);
            CaptureIT.exec(tgt, "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN");
            int tokens = CaptureIT.query(src, "SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN").size();
            assertTrue(tokens > 0);

            try (CapturedLog log = CapturedLog.attach()) {
                run(JobType.RESYNC, config, src, tgt, JobOptions.defaults().withResyncTable("idn_oauth2_access_token"));
                logged(log, "IDN_OAUTH2_ACCESS_TOKEN: queued all " + tokens + " keys for sync in SYN_J_TOKEN");
            }
            assertEquals(String.valueOf(tokens), first(src, "SELECT COUNT(*) FROM SYN_J_TOKEN WHERE OPERATION = 'U'"));
            drain(config, src, tgt);
            new ValidateJob().run(new JobContext(config, src.dataSource(), tgt.dataSource(), JobOptions.defaults(),
                    new StopSignal()));
            TableComparison.assertSame(src.dataSource(), tgt.dataSource(), SyncTable.IDN_OAUTH2_ACCESS_TOKEN,
                    ProductVersion.V5_9_0);
            TableComparison.assertSame(src.dataSource(), tgt.dataSource(), SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE,
                    ProductVersion.V5_9_0);
        }
    }

    @Test
    void withoutTheCaptureRepairAndResyncRefuseAndChangeNothing() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.H2)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            CaptureIT.exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'a', 'k', 'v')");
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA");
            String expected = "IDN_IDENTITY_USER_DATA has no change capture on the source (its journal "
                    + "SYN_J_USER_DATA does not exist), so no key of it can be queued for sync; run prepare to "
                    + "create the capture, then resync --table IDN_IDENTITY_USER_DATA (-DresyncTable="
                    + "IDN_IDENTITY_USER_DATA in IS) to queue all its keys";
            JobException repair = assertThrows(JobException.class, () -> run(JobType.VALIDATE, config, src, tgt,
                    JobOptions.defaults().withRepair()));
            assertEquals("validate --repair: " + expected, repair.getMessage());
            JobException resync = assertThrows(JobException.class, () -> run(JobType.RESYNC, config, src, tgt,
                    JobOptions.defaults().withResyncTable("IDN_IDENTITY_USER_DATA")));
            assertEquals("resync --table IDN_IDENTITY_USER_DATA: " + expected, resync.getMessage());
            JobException unknown = assertThrows(JobException.class, () -> run(JobType.RESYNC, config, src, tgt,
                    JobOptions.defaults().withResyncTable("IDN_OAUTH2_ACCESS_TOKEN")));
            assertEquals("resync --table IDN_OAUTH2_ACCESS_TOKEN: not a synced table; expected one of syncTables: "
                    + "IDN_IDENTITY_USER_DATA", unknown.getMessage());
            assertEquals(List.of("1"), CaptureIT.query(src, "SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA"));
            assertEquals(List.of("0"), CaptureIT.query(tgt, "SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA"));
        }
    }

    private static void logged(CapturedLog log, String text) {
        assertTrue(log.indexOf(Level.INFO, text, 0) >= 0, () -> "no INFO line holds " + text + ": " + log.lines());
    }

    private static String first(TestDatabase db, String query) throws Exception {
        List<String> rows = CaptureIT.query(db, query);
        assertTrue(!rows.isEmpty(), query);
        return rows.get(0);
    }
}
