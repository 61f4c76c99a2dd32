/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The progress line an operator plans the window with: backlog (exact while the journal's id span is small, an
 * upper bound above it), lag, and the drain ETA at the recent rate, read through the journal's key index only.
 */
class SyncProgressIT {

    private static final SyncTable USER_DATA = SyncTable.IDN_IDENTITY_USER_DATA;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void eachLineGivesBacklogLagAndTheDrainEta(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind);
             CapturedLog log = CapturedLog.attach()) {
            SyncIT.prepared(src, tgt);
            SyncProgress progress = new SyncProgress(List.of(USER_DATA), src.dataSource(),
                    dialect(src), "source");

            progress.report();
            assertMatches("IDN_IDENTITY_USER_DATA: 0 changes applied, 0 /s over the last \\d+\\.\\d s, 0 /s over the "
                    + "job; backlog 0, lag 0 s, drain ETA 0 s \\(drained\\)", last(log));

            CaptureIT.exec(src, "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'alice', 'k', 'v')",
                    "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'bob', 'k', 'v')",
                    "INSERT INTO IDN_IDENTITY_USER_DATA VALUES (1, 'carol', 'k', 'v')");
            progress.report();
            assertMatches("IDN_IDENTITY_USER_DATA: 0 changes applied, 0 /s over the last \\d+\\.\\d s, 0 /s over the "
                    + "job; backlog 3, lag \\d+\\.\\d s, drain ETA unknown \\(nothing applied in the last \\d+ s\\)", last(log));

            // A rate far above the backlog: the ETA rounds to seconds, measured over the reports so far.
            progress.applied(USER_DATA, 1_000_000);
            progress.report();
            assertMatches("IDN_IDENTITY_USER_DATA: 1000000 changes applied, \\d+ /s over the last \\d+\\.\\d s, "
                    + "\\d+ /s over the job; backlog 3, lag \\d+\\.\\d s, drain ETA 0 s at \\d+ /s \\(last \\d+ s\\)", last(log));

            // Ids far apart (a sequence cache, rolled back inserts): above the exact count's span the backlog
            // is the span, an upper bound, and the ETA says so.
            String journal = CaptureNames.of(USER_DATA).getJournal();
            long first = Long.parseLong(CaptureIT.query(src, "SELECT MIN(SYNC_ID) FROM " + journal).get(0));
            long last = Long.parseLong(CaptureIT.query(src, "SELECT MAX(SYNC_ID) FROM " + journal).get(0));
            long moved = last + SyncProgress.EXACT_COUNT_SPAN;
            CaptureIT.exec(src, "UPDATE " + journal + " SET SYNC_ID = " + moved + " WHERE SYNC_ID = " + last);
            progress.report();
            assertMatches("IDN_IDENTITY_USER_DATA: 1000000 changes applied, 0 /s over the last \\d+\\.\\d s, "
                    + "\\d+ /s over the job; backlog <= "
                    + (moved - first + 1) + " \\(id span\\), lag \\d+\\.\\d s, drain ETA at most \\d+ s at \\d+ /s "
                    + "\\(last \\d+ s\\)", last(log));
            try (Connection c = src.dataSource().getConnection()) {
                SyncProgress.Backlog b = SyncProgress.backlog(c, dialect(src), USER_DATA);
                assertEquals(moved - first + 1, b.getEntries());
                assertFalse(b.isExact());
            }
        }
    }

    @Test
    void durationsReadAsAnOperatorPlans() {
        assertEquals("42 s", SyncProgress.duration(42));
        assertEquals("3 min 05 s", SyncProgress.duration(185));
        assertEquals("2 h 07 min", SyncProgress.duration(2 * 3600 + 7 * 60 + 59));
    }

    private static org.wso2.is.data.sync.dialect.Dialect dialect(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return Dialects.forConnection(c);
        }
    }

    private static String last(CapturedLog log) {
        List<CapturedLog.Line> lines = log.find(Level.INFO, m -> m.startsWith("IDN_IDENTITY_USER_DATA: "));
        assertFalse(lines.isEmpty(), log.lines().toString());
        return lines.get(lines.size() - 1).getMessage();
    }

    private static void assertMatches(String regex, String line) {
        assertTrue(Pattern.matches(regex, line), line);
    }
}
