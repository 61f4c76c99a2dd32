/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;

import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** What every reliability scenario does around its disruption: how often, and the final count. */
final class Scenario {

    /** Set large by the {@code reliability} profile; the default build runs each scenario a few times only. */
    static final String ROUNDS = "reliability.rounds";

    private Scenario() {
    }

    /** How many disruptions a scenario makes: {@value #ROUNDS}, else {@code shortRun}. */
    static int rounds(int shortRun) {
        return Integer.getInteger(ROUNDS, shortRun);
    }

    /**
     * The end of every scenario: the key-by-key counts, printed for the record (docs/reliability.md) and all 0,
     * and journals emptied by the sync, so nothing applied is left to be applied again.
     */
    static void assertNothingLostDoubledOrDiffering(String scenario, TestDatabase src, TestDatabase tgt)
            throws SQLException {
        RowDiff diff = RowDiff.of(src.dataSource(), tgt.dataSource(), ProductVersion.V5_9_0);
        System.out.println("[reliability] " + scenario + ": " + diff);
        diff.assertNone();
        for (SyncTable t : SyncTable.values()) {
            assertEquals(0, IsTraffic.count(src.dataSource(), CaptureNames.of(t).getJournal()),
                    t + ": applied changes are purged");
        }
    }

    /** Rows on the target in all synced tables: it changes while the sync applies changes. */
    static long targetRows(TestDatabase tgt) throws SQLException {
        long rows = 0;
        for (SyncTable t : SyncTable.values()) {
            rows += IsTraffic.count(tgt.dataSource(), t.name());
        }
        return rows;
    }
}
