/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.job.Verdict;
import org.wso2.is.data.sync.job.VerdictException;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * Freeze drift: a user, an OAuth app and an IdP added on the old IS after the dump are lost at the cut-over;
 * validate names their tables with its own verdict. And a test application's rows on the new IS, excluded, are
 * neither reported nor in the sync's way.
 */
class FreezeDriftIT {

    /** UM_USER as IS creates it (the columns and keys of its script), where the user store shares the database. */
    private static final String UM_USER = "CREATE TABLE UM_USER (UM_ID INTEGER NOT NULL, UM_USER_NAME VARCHAR(255) "
            + "NOT NULL, UM_USER_PASSWORD VARCHAR(255) NOT NULL, UM_SALT_VALUE VARCHAR(31), UM_REQUIRE_CHANGE BOOLEAN "
            + "DEFAULT FALSE, UM_CHANGED_TIME TIMESTAMP NOT NULL, UM_TENANT_ID INTEGER DEFAULT 0, "
            + "PRIMARY KEY (UM_ID, UM_TENANT_ID), UNIQUE (UM_USER_NAME, UM_TENANT_ID))";
    private static final String ADMIN = "INSERT INTO UM_USER VALUES (1, 'admin', 'hash', 'salt', FALSE, "
            + "TIMESTAMP '2026-01-01 00:00:00', -1234)";

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aUserAnAppAndAnIdpAddedAfterTheDumpAreFreezeDrift(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            // The dump: the same users on both sides.
            CaptureIT.exec(src, UM_USER, ADMIN);
            CaptureIT.exec(tgt, UM_USER, ADMIN);
            assertEquals(List.of(), validate(config, src, tgt, null));

            // Endpoints not frozen: a sign-up, an app registration and an IdP reach the old IS.
            CaptureIT.exec(src, "INSERT INTO UM_USER VALUES (2, 'late-user', 'hash', 'salt', FALSE, "
                    + "TIMESTAMP '2026-01-02 00:00:00', -1234)",
                    "INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, APP_NAME, USERNAME, TENANT_ID, "
                            + "USER_DOMAIN) VALUES (40, 'late-app-key', 'late-app', 'admin', -1234, 'PRIMARY')",
                    "INSERT INTO IDP (TENANT_ID, NAME) VALUES (-1234, 'late-idp')");
            ValidateJob job = new ValidateJob();
            VerdictException e = ValidateVerdictIT.validateFails(Verdict.FREEZE_DRIFT, job, config, src, tgt,
                    JobOptions.defaults());
            assertTrue(e.getMessage().startsWith("verdict FREEZE_DRIFT: tables the endpoint freeze protects changed "
                    + "on the source since the dump: [UM_USER, IDN_OAUTH_CONSUMER_APPS, IDP]"), e.getMessage());
            List<String> findings = job.getFreezeFindings();
            assertTrue(findings.contains("freeze UM_USER (by content): 2 rows on the source, 1 on the target; "
                    + "1 added or changed on the source (missing on the target): (-1234, late-user)"),
                    findings.toString());
            assertTrue(findings.contains("freeze IDN_OAUTH_CONSUMER_APPS (by content): 4 rows on the source, 3 on the "
                    + "target; 1 added or changed on the source (missing on the target): (late-app-key)"),
                    findings.toString());
            // IDP holds the resident IdP on some databases' scripts: the count differs, the finding does not.
            assertTrue(findings.stream().anyMatch(l -> l.startsWith("freeze IDP (by content): ") && l.endsWith(
                    "; 1 added or changed on the source (missing on the target): (-1234, late-idp)")),
                    findings.toString());
            assertTrue(findings.contains("freeze UM_TENANT: not compared (absent on the source and the target)"),
                    findings.toString());

            // A password reset on the old IS: the same key, other content.
            CaptureIT.exec(src, "UPDATE UM_USER SET UM_USER_PASSWORD = 'reset' WHERE UM_USER_NAME = 'admin'");
            ValidateJob again = new ValidateJob();
            ValidateVerdictIT.validateFails(Verdict.FREEZE_DRIFT, again, config, src, tgt, JobOptions.defaults());
            assertTrue(again.getFreezeFindings().contains("freeze UM_USER (by content): 2 rows on the source, 1 on the "
                    + "target; 1 added or changed on the source (missing on the target): (-1234, late-user); 1 "
                    + "different: (-1234, admin)"), again.getFreezeFindings().toString());

            // Optional per table: the operator who re-made these changes on the new IS by hand may leave some out.
            SyncConfiguration none = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "freezeTables=none");
            assertEquals(List.of(), validate(none, src, tgt, null));
            SyncConfiguration idpOnly = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "freezeTables=idp");
            ValidateJob onlyIdp = new ValidateJob();
            VerdictException idp = ValidateVerdictIT.validateFails(Verdict.FREEZE_DRIFT, onlyIdp, idpOnly, src, tgt,
                    JobOptions.defaults());
            assertTrue(idp.getMessage().contains("since the dump: [IDP] "), idp.getMessage());
            assertEquals(1, onlyIdp.getFreezeFindings().size(), onlyIdp.getFreezeFindings().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void anExcludedTestAppIsNeitherReportedNorInTheWayOfTheDrain(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt).withExcludedApps(List.of("smoke-test-key"));
            // The smoke test on the new IS: its own app, a token with a scope, an authorization code.
            CaptureIT.exec(tgt, "INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, APP_NAME, USERNAME, "
                    + "TENANT_ID, USER_DOMAIN) VALUES (50, 'smoke-test-key', 'smoke-test', 'admin', -1234, 'PRIMARY')",
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, CONSUMER_KEY_ID, AUTHZ_USER, "
                            + "TENANT_ID, USER_DOMAIN, USER_TYPE, GRANT_TYPE, TIME_CREATED, "
                            + "REFRESH_TOKEN_TIME_CREATED, VALIDITY_PERIOD, REFRESH_TOKEN_VALIDITY_PERIOD, "
                            + "TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, ACCESS_TOKEN_HASH) VALUES ('smoke-1', "
                            + "'at-smoke-1', 50, 'admin', -1234, 'PRIMARY', 'APPLICATION', 'client_credentials', "
                            + "TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00', 3600000, 0, 'h', "
                            + "'ACTIVE', 'NONE', 'ath-smoke-1')",
                    "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) VALUES ('smoke-1', "
                            + "'openid', -1234)",
                    "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE, CONSUMER_KEY_ID, "
                            + "AUTHZ_USER, TENANT_ID, TIME_CREATED, VALIDITY_PERIOD, STATE) VALUES ('smoke-code', "
                            + "'code', 50, 'admin', -1234, TIMESTAMP '2026-01-01 00:00:00', 60000, 'ACTIVE')");
            // Not excluded, the test app is an app the source lacks, and its rows are extra.
            SyncConfiguration plain = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES);
            ValidateJob seen = new ValidateJob();
            ValidateVerdictIT.validateFails(Verdict.FREEZE_DRIFT, seen, plain, src, tgt, JobOptions.defaults());
            long extra = 0;
            for (TableDifferences d : seen.getResults()) {
                extra += d.count(TableDifferences.Kind.EXTRA);
            }
            assertEquals(3, extra);

            // Excluded: live traffic on the old IS drains past it, and validate finds the pair identical.
            new org.wso2.is.data.sync.demo.IsTraffic(src.dataSource(),
                    org.wso2.is.data.sync.config.ProductVersion.V5_9_0, 1, 17, 0).run(40);
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);
            assertEquals(List.of(), validate(config, src, tgt, null));
            assertEquals(List.of("smoke-1"), CaptureIT.query(tgt, "SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN "
                    + "WHERE CONSUMER_KEY_ID = 50"));
        }
    }

    /** Runs validate; the freeze findings that drifted, empty when the verdict is IDENTICAL. */
    private static List<String> validate(SyncConfiguration config, TestDatabase src, TestDatabase tgt,
                                         JobOptions options) throws Exception {
        new ValidateJob().run(new JobContext(config, src.dataSource(), tgt.dataSource(),
                options == null ? JobOptions.defaults() : options, new StopSignal()));
        return List.of();
    }
}
