/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Every supported version pair on H2, PostgreSQL and MariaDB: a multi-tenant data set written on a source at the
 * source version is synced to a target at the target version, and the target then holds, column by column, what
 * the documented migration makes of the source rows ({@link DocumentedMigration}). On H2 and PostgreSQL the
 * schemas of 5.7.0, 5.8.0 and 5.10.0 are our DERIVED ones (is-schema/&lt;version&gt;/{h2,postgresql}.sql, see
 * their headers): no product script of those versions was at hand for these databases.
 */
class StepChainSyncIT {

    private static final String ALL_TABLES = "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_ACCESS_TOKEN,"
            + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE,IDN_OAUTH2_AUTHORIZATION_CODE";

    static Stream<Arguments> pairsOnEachDatabase() {
        List<Arguments> cases = new ArrayList<>();
        TransformersTest.supportedPairs().forEach(pair -> {
            for (DatabaseKind kind : DatabaseKind.values()) {
                cases.add(Arguments.of(pair.get()[0], pair.get()[1], kind));
            }
        });
        return cases.stream();
    }

    /** The timeout turns a write the target refuses (retried forever by the worker) into a failure. */
    @ParameterizedTest(name = "{0} to {1} on {2}")
    @MethodSource("pairsOnEachDatabase")
    @Timeout(30)
    void theTargetHoldsWhatTheMigrationMakesOfTheSourceRows(ProductVersion source, ProductVersion target,
                                                             DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            // As after dump, restore and migration: same apps and identity providers on both sides.
            IsSchema.create(src, source.label());
            IsSchema.create(tgt, target.label());
            constrainAsMigrated(tgt, source, target);
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            TenantDataSet.createIdps(src.dataSource(), source);
            TenantDataSet.createIdps(tgt.dataSource(), target);
            // Small batches: the IdP ids are looked up over several batches, from the cache and on misses.
            // The late tenant's IdP exists on the source only: freeze drift, which FreezeDriftIT covers; this test
            // is about the transformation chain.
            SyncConfiguration config = Jobs.config(source.label(), target.label(), ALL_TABLES, "batchSize=5",
                    "syncInterval=100", "freezeTables=none");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);

            TenantDataSet.createLateTenant(src.dataSource(), source);
            TenantDataSet.write(src.dataSource(), source);
            TenantDataSet.change(src.dataSource());
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);

            for (SyncTable table : SyncTable.values()) {
                List<String> targetColumns = TableDefinitions.columns(table, target);
                List<Map<String, Object>> expected = new ArrayList<>();
                for (Map<String, Object> row : DocumentedMigration.read(src.dataSource(), table,
                        TableDefinitions.columns(table, source))) {
                    expected.add(DocumentedMigration.migrate(table, source, target, row, TenantDataSet.LOCAL_IDP));
                }
                List<String> actual = DocumentedMigration.text(DocumentedMigration.read(tgt.dataSource(), table,
                        targetColumns), targetColumns);
                assertEquals(DocumentedMigration.text(expected, targetColumns), actual, table.name());
            }
            // Validate, which runs the same chain over the whole source, finds no difference either.
            Jobs.run(JobType.VALIDATE, config, src.dataSource(), tgt.dataSource(), null);
        }
    }

    /**
     * The migration leaves IDP_ID NOT NULL (5.8.0 step1) and gives it DEFAULT -1 (5.10.0 step1), where the fresh
     * scripts have it nullable: a NULL written by the sync would fail here as on a migrated target.
     */
    static void constrainAsMigrated(TestDatabase tgt, ProductVersion source, ProductVersion target)
            throws Exception {
        boolean notNull = source == ProductVersion.V5_7_0 || target == ProductVersion.V5_10_0;
        if (!notNull) {
            return;
        }
        String dflt = target == ProductVersion.V5_10_0 ? " DEFAULT -1" : "";
        for (String table : new String[] {"IDN_OAUTH2_ACCESS_TOKEN", "IDN_OAUTH2_AUTHORIZATION_CODE"}) {
            if (tgt.kind() == DatabaseKind.MARIADB) {
                CaptureIT.exec(tgt, "ALTER TABLE " + table + " MODIFY IDP_ID INTEGER NOT NULL" + dflt);
            } else {
                CaptureIT.exec(tgt, "ALTER TABLE " + table + " ALTER COLUMN IDP_ID SET NOT NULL");
                if (!dflt.isEmpty()) {
                    CaptureIT.exec(tgt, "ALTER TABLE " + table + " ALTER COLUMN IDP_ID SET" + dflt);
                }
            }
        }
    }
}
