/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.validate.TableDifferences.Kind;

/** Keys whose values hold the report's separator must not read alike and hide a missing row. */
class KeyTextCollisionIT {

    @Test
    void aMissingRowIsFoundWhateverItsKeyValuesHold() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.H2)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'a, b', 'c', 'v')");
                s.execute("INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'a', 'b, c', 'v')");
            }
            try (Connection c = tgt.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'a', 'b, c', 'v')");
            }
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA");
            ValidateJob job = new ValidateJob();
            assertThrows(JobException.class, () -> job.run(new JobContext(config, src.dataSource(),
                    tgt.dataSource(), JobOptions.defaults(), new StopSignal())));
            TableDifferences d = job.getResults().get(0);
            assertEquals(1, d.differenceCount(), d.describe().toString());
            assertEquals(Collections.singletonList("1, 4:a, b, c"), d.differences(Kind.MISSING));
        }
    }
}
