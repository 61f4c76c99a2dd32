/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.job.Verdict;
import org.wso2.is.data.sync.job.VerdictException;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.validate.TableDifferences.Kind;
import org.wso2.is.data.sync.worker.SyncIT;

/** The verdict cannot be wrong: exact counts at any size, and nothing pending passes. */
class ValidateVerdictIT {

    private static final String USER_DATA_ROWS = "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, "
            + "DATA_VALUE) SELECT -1234, 'user' || LPAD(CAST(g AS VARCHAR), 7, '0'), 'k', 'value ' || g "
            + "FROM generate_series(1, %d) g";

    static VerdictException validateFails(Verdict verdict, ValidateJob job, SyncConfiguration config,
                                          TestDatabase src, TestDatabase tgt, JobOptions options) {
        VerdictException e = assertThrows(VerdictException.class, () -> job.run(new JobContext(config,
                src.dataSource(), tgt.dataSource(), options, new StopSignal())));
        assertEquals(verdict, e.getVerdict(), e.getMessage());
        return e;
    }

    @Test
    void fiveThousandMissingOfThreeHundredThousandAreCountedExactly() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            CaptureIT.exec(src, String.format(USER_DATA_ROWS, 300_000));
            // The target lacks the 5,000 highest keys: the window a sync that stopped early leaves.
            CaptureIT.exec(tgt, String.format(USER_DATA_ROWS, 295_000));
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA");

            ValidateJob job = new ValidateJob();
            VerdictException e = validateFails(Verdict.DIFFERENCES, job, config, src, tgt, JobOptions.defaults());
            assertTrue(e.getMessage().startsWith("verdict DIFFERENCES: Validation of 1 tables: 5000 differences in "
                    + "[IDN_IDENTITY_USER_DATA]"), e.getMessage());
            TableDifferences d = job.getResults().get(0);
            assertEquals("IDN_IDENTITY_USER_DATA: 300000 rows on the source, 295000 on the target; 5000 missing, "
                    + "0 extra, 0 different, 0 pending", d.describe().get(0));
            assertEquals("  missing: (-1234, user0295001, k) (-1234, user0295002, k) (-1234, user0295003, k) "
                    + "(-1234, user0295004, k) (-1234, user0295005, k) (-1234, user0295006, k) "
                    + "(-1234, user0295007, k) (-1234, user0295008, k) (-1234, user0295009, k) "
                    + "(-1234, user0295010, k) and 4990 more", d.describe().get(1));
            assertEquals(2, d.describe().size(), d.describe().toString());
            assertEquals(5000, d.differenceCount());
            assertEquals(TableDifferences.LISTED_KEYS, d.differences(Kind.MISSING).size());

            // The same comparison holding at most 500 rows at a time: several passes, the same exact answer.
            Map<Kind, Integer> found = new EnumMap<>(Kind.class);
            TableComparer.Totals totals;
            try (Connection s = src.dataSource().getConnection(); Connection lookups = src.dataSource().getConnection();
                 Connection t = tgt.dataSource().getConnection()) {
                s.setAutoCommit(false);
                t.setAutoCommit(false);
                totals = new TableComparer(SyncTable.IDN_IDENTITY_USER_DATA, config, new StopSignal(), 500)
                        .compare(s, lookups, t, (kind, key, values) -> found.merge(kind, 1, Integer::sum));
            }
            assertEquals(Map.of(Kind.MISSING, 5000), found);
            assertEquals(0, totals.unexplainedBuckets);
            assertTrue(totals.passes > 2, "passes: " + totals.passes);
        }
    }

    @Test
    void changesLeftInTheJournalArePendingEvenWhenNoKeyDiffers() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 1, 31, 0).run(30);
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            new ValidateJob().run(new JobContext(config, src.dataSource(), tgt.dataSource(), JobOptions.defaults(),
                    new StopSignal()));

            // A stuck group: an entry the worker has not applied, for a row that happens to match.
            String user = first(src, "SELECT USER_NAME FROM IDN_IDENTITY_USER_DATA ORDER BY USER_NAME");
            CaptureIT.exec(src, "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = DATA_VALUE WHERE USER_NAME = '" + user
                    + "'");
            ValidateJob job = new ValidateJob();
            VerdictException e = validateFails(Verdict.PENDING, job, config, src, tgt, JobOptions.defaults());
            assertTrue(e.getMessage().contains("0 differences, 0 differing keys with changes still pending, "),
                    e.getMessage());
            for (TableDifferences d : job.getResults()) {
                assertEquals(0, d.differenceCount(), d.describe().toString());
            }

            // And one whose row differs: pending, still not a pass.
            CaptureIT.exec(src, "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'stuck' WHERE USER_NAME = '" + user
                    + "'");
            ValidateJob again = new ValidateJob();
            validateFails(Verdict.PENDING, again, config, src, tgt, JobOptions.defaults());
            TableDifferences userData = byTable(again).get(SyncTable.IDN_IDENTITY_USER_DATA);
            assertEquals(0, userData.differenceCount(), userData.describe().toString());
            assertTrue(userData.pendingCount() > 0, userData.describe().toString());
        }
    }

    @Test
    void aPendingKeyDoesNotHideARealDifferenceInTheSameTable() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            CaptureIT.exec(src,
                    "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'alice', 'k', 'v')",
                    "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'bob', 'k', 'v')");
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            CaptureIT.exec(src, "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'new' WHERE USER_NAME = 'alice'");
            CaptureIT.exec(tgt, "DELETE FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'bob'");

            ValidateJob job = new ValidateJob();
            VerdictException e = validateFails(Verdict.DIFFERENCES, job, config, src, tgt, JobOptions.defaults());
            assertTrue(e.getMessage().contains("1 differences in [IDN_IDENTITY_USER_DATA], 1 differing keys with "
                    + "changes still pending, 1 changes waiting in the journals {IDN_IDENTITY_USER_DATA=1}"),
                    e.getMessage());
            TableDifferences d = byTable(job).get(SyncTable.IDN_IDENTITY_USER_DATA);
            assertEquals(List.of("1, bob, k"), d.differences(Kind.MISSING));
            assertEquals(Set.of("1, alice, k"), d.getPending());
            assertEquals(List.of("IDN_IDENTITY_USER_DATA: 2 rows on the source, 1 on the target; 1 missing, 0 extra, "
                    + "0 different, 1 pending", "  missing: (1, bob, k)", "  pending: (1, alice, k)"), d.describe());
        }
    }

    static Map<SyncTable, TableDifferences> byTable(ValidateJob job) {
        Map<SyncTable, TableDifferences> byTable = new EnumMap<>(SyncTable.class);
        for (TableDifferences d : job.getResults()) {
            byTable.put(d.getTable(), d);
        }
        return byTable;
    }

    private static String first(TestDatabase db, String query) throws Exception {
        List<String> rows = CaptureIT.query(db, query);
        assertTrue(!rows.isEmpty(), query);
        return rows.get(0);
    }
}
