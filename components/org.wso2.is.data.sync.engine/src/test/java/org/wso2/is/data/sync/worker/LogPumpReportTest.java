/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.changelog.LogGoneException;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The log's progress line: the lag, a WARN above logLagWarnMb, and a log that is gone as the pump's end with an
 * ERROR. The log capture is a stand-in that answers a fixed lag (the lag query itself runs in LogCaptureIT).
 */
class LogPumpReportTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aLagAboveTheThresholdIsAWarningAndAGoneLogEndsThePump() throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA", "captureMode=log",
                "logLagWarnMb=1");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.H2); CapturedLog log = CapturedLog.attach()) {
            Lag lag = new Lag();
            LogPump pump = new LogPump(lag, config, db.dataSource(), db.dataSource(), null, null, new StopSignal());

            lag.bytes = MB / 2;
            pump.report();
            assertEquals(List.of("Log capture: 0 changes read, 0 queued for the workers, position stored none "
                    + "yet, log lag 0.5 MB"),
                    messages(log, Level.INFO));
            assertEquals(List.of(), messages(log, Level.WARN));

            lag.bytes = 3 * MB;
            pump.report();
            assertEquals(List.of("Log capture: the source keeps 3.0 MB of change log for this sync (above "
                    + "logLagWarnMb = 1): it grows while sync is stopped or slower than IS writes; a source disk that "
                    + "fills stops the source. Keep sync running, or run clean to drop the slot if the migration is "
                    + "abandoned"), messages(log, Level.WARN));
            assertNull(pump.failure());

            lag.gone = true;
            pump.report();
            assertEquals(List.of("Log capture: the slot is gone"), messages(log, Level.ERROR));
            assertEquals("the slot is gone", pump.failure().getMessage());
        }
    }

    private static List<String> messages(CapturedLog log, Level level) {
        return log.find(level, m -> m.startsWith("Log capture")).stream().map(CapturedLog.Line::getMessage)
                .collect(Collectors.toList());
    }

    /** Answers the lag it is given; only what the report calls. */
    private static final class Lag extends LogCaptureStub {
        volatile long bytes;
        volatile boolean gone;

        @Override
        public long lagBytes(Connection source, String stored) throws SQLException {
            if (gone) {
                throw new LogGoneException("the slot is gone");
            }
            return bytes;
        }

        @Override
        public String problem(Connection source, List<SyncTable> tables, String where) {
            return null;
        }
    }
}
