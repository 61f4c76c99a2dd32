/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * The migration the tool exists for, across versions and products at once: an IS 5.7.0 MariaDB source under
 * live writes, synced into an IS 5.9.0 PostgreSQL target, matches after a drain what the documented migration
 * makes of the source.
 */
class MixedVersionLiveSyncIT {

    private static final ProductVersion SOURCE = ProductVersion.V5_7_0;
    private static final ProductVersion TARGET = ProductVersion.V5_9_0;

    @Test
    @Timeout(120)
    void mariaDb570ToPostgreSql590UnderLiveWrites() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            IsSchema.create(src, SOURCE.label());
            IsSchema.create(tgt, TARGET.label());
            StepChainSyncIT.constrainAsMigrated(tgt, SOURCE, TARGET);
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            TenantDataSet.createIdps(src.dataSource(), SOURCE);
            TenantDataSet.createIdps(tgt.dataSource(), TARGET);
            SyncConfiguration config = Jobs.config(SOURCE.label(), TARGET.label(), SyncIT.ALL_TABLES,
                    "batchSize=40", "syncInterval=200");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);

            JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
            sync.start();
            int transactions = Writers.runConcurrently(src.dataSource(), SOURCE, 3, 500, 80);
            assertTrue(sync.stop(30_000));
            JobOutcome drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true)
                    .runHere();
            assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
            assertTrue(transactions > 150, "committed " + transactions);

            for (SyncTable table : SyncTable.values()) {
                List<String> targetColumns = TableDefinitions.columns(table, TARGET);
                List<Map<String, Object>> expected = new ArrayList<>();
                for (Map<String, Object> row : DocumentedMigration.read(src.dataSource(), table,
                        TableDefinitions.columns(table, SOURCE))) {
                    expected.add(DocumentedMigration.migrate(table, SOURCE, TARGET, row, TenantDataSet.LOCAL_IDP));
                }
                assertEquals(DocumentedMigration.text(expected, targetColumns), DocumentedMigration.text(
                        DocumentedMigration.read(tgt.dataSource(), table, targetColumns), targetColumns),
                        table.name());
            }
            Jobs.run(JobType.VALIDATE, config, src.dataSource(), tgt.dataSource(), null);
        }
    }
}
