/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** The progress lines of a real sync: both rates labelled, and a table that moved never reads "0 /s". */
class SyncProgressRatesIT {

    private static final Pattern LINE = Pattern.compile("IDN_IDENTITY_USER_DATA: (\\d+) changes applied, "
            + "(0|<0\\.1|\\d+\\.\\d|\\d+) /s over the last (\\d+\\.\\d) s, (0|<0\\.1|\\d+\\.\\d|\\d+) /s over the job; "
            + "backlog (\\d+), lag (\\d+(\\.\\d)?) s, drain ETA .+");

    @Test
    void eachLineGivesTheIntervalAndTheJobRate() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2); TestDatabase tgt = TestDatabase.create(DatabaseKind.H2);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES, "batchSize=2",
                    "syncInterval=200", "progressInterval=1000");
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (int i = 0; i < 7; i++) {
                    s.executeUpdate("INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                            + "VALUES (-1234, 'alice', 'k" + i + "', 'v" + i + "')");
                }
            }
            JobRunner drain = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true);
            drain.start();
            JobOutcome outcome = drain.await(60, TimeUnit.SECONDS);
            if (outcome == null) {
                drain.stop(30_000);
            }
            assertEquals(JobOutcome.Status.SUCCEEDED, outcome == null ? null : outcome.getStatus(), "the drain ends");

            List<CapturedLog.Line> lines = log.find(Level.INFO, m -> m.startsWith("IDN_IDENTITY_USER_DATA: "));
            assertFalse(lines.isEmpty(), "the drain's last report at least");
            long before = 0;
            for (CapturedLog.Line l : lines) {
                Matcher m = LINE.matcher(l.getMessage());
                assertTrue(m.matches(), l.getMessage());
                long total = Long.parseLong(m.group(1));
                if (total > before) {
                    assertFalse("0".equals(m.group(2)), "changes were applied in the interval: " + l.getMessage());
                } else {
                    assertEquals("0", m.group(2), l.getMessage());
                }
                assertFalse("0".equals(m.group(4)) && total > 0, l.getMessage());
                before = total;
            }
            Matcher last = LINE.matcher(lines.get(lines.size() - 1).getMessage());
            assertTrue(last.matches());
            assertEquals("7", last.group(1), "every change counted");
            assertEquals("0", last.group(5), "nothing pending after the drain");
        }
    }
}
