/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.capture.LogJournals;
import org.wso2.is.data.sync.changelog.ChangeLogReader;
import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.changelog.LogChunk;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A truncate of the scope table alone, while a batch holds a token key: the batch read that token's scopes before
 * the truncate and writes them after it, so the token must be queued again (its scopes are then read after the
 * truncate, and found gone). Here the batch is a key still in memory, which is where a batch holds it until it
 * commits; the log is a script, the target a real H2 database.
 */
class LogTruncateTest {

    @Test
    void aTruncatedScopeTableQueuesThePendingTokensAgain() throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0",
                "IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE", "captureMode=log", "batchSize=10",
                "syncInterval=100");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
            IsSchema.create(db, "5.9.0");
            Dialect dialect;
            try (Connection c = db.dataSource().getConnection()) {
                dialect = Dialects.forConnection(c);
                LogJournals.ensure(c, dialect, config.getSyncTables(), "tgt");
            }
            List<LogChunk> script = List.of(
                    new LogChunk(List.of(new LogChange("IDN_OAUTH2_ACCESS_TOKEN", 'I', "token-1")), "00000001"),
                    new LogChunk(List.of(new LogChange("IDN_OAUTH2_ACCESS_TOKEN_SCOPE", 'T')), "00000002"));
            StopSignal stop = new StopSignal();
            try (PairOwner owner = PairOwner.acquire(db.dataSource(), dialect, "tgt", false)) {
                LogPump pump = new LogPump(new Scripted(script), config, db.dataSource(), db.dataSource(), dialect,
                        owner, stop);
                pump.start();
                Thread thread = new Thread(pump, "data-sync-log");
                thread.start();
                try {
                    Poll.until("the truncate is handed over", Duration.ofSeconds(20),
                            () -> pump.handedOver() == 2);
                } finally {
                    stop.request();
                    thread.interrupt();
                    thread.join(10_000);
                }
            }
            assertEquals(List.of("U token-1"), entries(db.dataSource(), "SELECT OPERATION, TOKEN_ID FROM SYN_J_TOKEN"));
        }
    }

    private static List<String> entries(DataSource db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    /** A log that gives its chunks once, then waits. */
    private static final class Scripted extends LogCaptureStub {
        private final List<LogChunk> chunks;

        Scripted(List<LogChunk> chunks) {
            this.chunks = chunks;
        }

        @Override
        public ChangeLogReader open(DataSource source, String sourceName, SyncConfiguration config,
                                    List<SyncTable> tables, String from) {
            return new ChangeLogReader() {
                private int next;

                @Override
                public LogChunk poll(int maxChanges, long waitMillis) throws SQLException {
                    if (next < chunks.size()) {
                        return chunks.get(next++);
                    }
                    try {
                        Thread.sleep(waitMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted", "57014", e);
                    }
                    return new LogChunk(List.of(), chunks.get(chunks.size() - 1).getRestartPosition());
                }

                @Override
                public void acknowledge(String position) {
                    // nothing to confirm
                }

                @Override
                public void close() {
                    // nothing held
                }
            };
        }

        @Override
        public boolean reached(String position, String goal) {
            return position != null && position.compareTo(goal) >= 0;
        }
    }
}
