/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.validate.TableDifferences.Kind;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * Validate finds every planted difference, none on a synced pair, and tells pending changes apart: they are not
 * differences, and not a pass either.
 */
class ValidateIT {

    private static JobContext context(SyncConfiguration config, TestDatabase src, TestDatabase tgt) {
        return new JobContext(config, src.dataSource(), tgt.dataSource(), JobOptions.defaults(), new StopSignal());
    }

    private static Map<SyncTable, TableDifferences> byTable(ValidateJob job) {
        Map<SyncTable, TableDifferences> byTable = new HashMap<>();
        for (TableDifferences d : job.getResults()) {
            byTable.put(d.getTable(), d);
        }
        return byTable;
    }

    private static Map<SyncTable, TableDifferences> validate(SyncConfiguration config, TestDatabase src,
                                                            TestDatabase tgt) throws Exception {
        ValidateJob job = new ValidateJob();
        job.run(context(config, src, tgt));
        return byTable(job);
    }

    @OnEachDatabase
    void findsEveryPlantedDifferenceAndNoneOnASyncedPair(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 1, 11, 0.1).run(80);
            new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 2, 12, 0.1).run(80);
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);

            Map<SyncTable, TableDifferences> clean = validate(config, src, tgt);
            for (TableDifferences d : clean.values()) {
                assertEquals(0, d.differenceCount(), d.describe().toString());
                assertEquals(Collections.emptySet(), d.getPending());
            }

            String token = first(src, "SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID IN "
                    + "(SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE) ORDER BY TOKEN_ID");
            String other = first(src, "SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE WHERE TOKEN_ID <> '" + token
                    + "' ORDER BY TOKEN_ID");
            String scope = first(src, "SELECT TOKEN_SCOPE FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE WHERE TOKEN_ID = '"
                    + other + "' ORDER BY TOKEN_SCOPE");
            String code = first(src, "SELECT CODE_ID FROM IDN_OAUTH2_AUTHORIZATION_CODE ORDER BY CODE_ID");
            CaptureIT.exec(tgt,
                    // a missing row (its scopes go with it: the target cascades)
                    "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID = '" + token + "'",
                    // an extra row
                    "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                            + "VALUES (7, 'mallory', 'k', 'v')",
                    // one changed column
                    "UPDATE IDN_OAUTH2_AUTHORIZATION_CODE SET CALLBACK_URL = 'https://evil/cb' WHERE CODE_ID = '"
                            + code + "'",
                    // a changed scope set
                    "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE WHERE TOKEN_ID = '" + other + "' AND TOKEN_SCOPE = '"
                            + scope + "'",
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) VALUES ('" + other
                            + "', 'admin', -1234)");

            ValidateJob planted = new ValidateJob();
            VerdictException e = assertThrows(VerdictException.class, () -> planted.run(context(config, src, tgt)));
            assertEquals(Verdict.DIFFERENCES, e.getVerdict());
            assertTrue(e.getMessage().contains("the target is NOT ready for the cut-over"), e.getMessage());
            Map<SyncTable, TableDifferences> found = byTable(planted);
            assertEquals(Collections.singletonList(token),
                    found.get(SyncTable.IDN_OAUTH2_ACCESS_TOKEN).differences(Kind.MISSING));
            assertEquals(Collections.singletonList("7, mallory, k"),
                    found.get(SyncTable.IDN_IDENTITY_USER_DATA).differences(Kind.EXTRA));
            assertEquals(Collections.singletonList(code),
                    found.get(SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE).differences(Kind.DIFFERENT));
            TableDifferences scopes = found.get(SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE);
            assertTrue(scopes.differences(Kind.MISSING).contains(other + ", " + scope), scopes.describe().toString());
            assertTrue(scopes.differences(Kind.MISSING).stream().anyMatch(k -> k.startsWith(token + ", ")));
            assertEquals(Collections.singletonList(other + ", admin"), scopes.differences(Kind.EXTRA));
        }
    }

    @OnEachDatabase
    void changesStillInTheJournalArePendingNotDifferences(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 1, 21, 0).run(40);
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            // Traffic after the drain: captured, not yet synced.
            CaptureIT.exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (5, 'late', 'k', 'v')");
            String code = first(src, "SELECT CODE_ID FROM IDN_OAUTH2_AUTHORIZATION_CODE ORDER BY CODE_ID");
            CaptureIT.exec(src, "UPDATE IDN_OAUTH2_AUTHORIZATION_CODE SET STATE = 'EXPIRED' WHERE CODE_ID = '"
                    + code + "'");

            ValidateJob job = new ValidateJob();
            VerdictException e = assertThrows(VerdictException.class, () -> job.run(context(config, src, tgt)));
            assertEquals(Verdict.PENDING, e.getVerdict(), e.getMessage());
            Map<SyncTable, TableDifferences> found = byTable(job);
            assertEquals(new TreeSet<>(Collections.singletonList("5, late, k")),
                    found.get(SyncTable.IDN_IDENTITY_USER_DATA).getPending());
            assertEquals(Set.of(code), found.get(SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE).getPending());
            for (TableDifferences d : found.values()) {
                assertEquals(0, d.differenceCount(), d.describe().toString());
            }
        }
    }

    private static String first(TestDatabase db, String query) throws Exception {
        List<String> rows = CaptureIT.query(db, query);
        assertTrue(!rows.isEmpty(), query);
        return rows.get(0);
    }
}
