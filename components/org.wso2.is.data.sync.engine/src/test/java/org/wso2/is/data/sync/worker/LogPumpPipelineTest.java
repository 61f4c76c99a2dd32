/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

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
 * The pump stores a chunk on a thread of its own while it reads the next one. The interleaving that must not happen:
 * the reader acknowledges a position to the source before the target committed it, or a failed store is followed by
 * a later chunk's store, leaving a gap below the stored position. The log here is a script (a unit: the real readers
 * run in LogCaptureIT, MySqlLogCaptureIT and LogCaptureKillIT); the target is a real H2 database with the journals
 * and the owner row. Chunk 4 fails its store once: the pump must reopen the log at chunk 3's position.
 */
class LogPumpPipelineTest {

    private static final int CHUNKS = 6;
    private static final int KEYS = 3;

    @Test
    void aPositionIsAcknowledgedOnlyAfterItsCommitAndAFailedStoreRereadsFromTheStoredOne() throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA", "captureMode=log",
                "batchSize=" + KEYS, "syncInterval=100");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
            IsSchema.create(db, "5.9.0");
            Dialect dialect;
            try (Connection c = db.dataSource().getConnection()) {
                dialect = Dialects.forConnection(c);
                LogJournals.ensure(c, dialect, List.of(SyncTable.IDN_IDENTITY_USER_DATA), "tgt");
            }
            Script log = new Script(db.dataSource());
            StopSignal stop = new StopSignal();
            try (PairOwner owner = PairOwner.acquire(db.dataSource(), dialect, "tgt", false)) {
                LogPump pump = new LogPump(log, config, db.dataSource(), db.dataSource(), dialect, owner, stop);
                pump.start();
                Thread thread = new Thread(pump, "data-sync-log");
                thread.start();
                try {
                    // A store is acknowledged once the read that ran beside it returns: the last one a poll later.
                    Poll.until("the pump stores and acknowledges the whole script", Duration.ofSeconds(20),
                            () -> pump.hasStored(position(CHUNKS)) && log.acknowledged.size() >= CHUNKS);
                } finally {
                    stop.request();
                    thread.interrupt();
                    thread.join(10_000);
                }
                assertTrue(!thread.isAlive(), "the pump ends on a stop");
            }
            // Read again from where the target was when chunk 4 failed, never from a later chunk.
            assertEquals(List.of("(slot)", position(3)), log.opens);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= CHUNKS; i++) {
                expected.add(position(i) + " committed " + position(i));
            }
            assertEquals(expected, log.acknowledged);
            TreeSet<String> keys = new TreeSet<>();
            for (int i = 1; i <= CHUNKS; i++) {
                for (int k = 0; k < KEYS; k++) {
                    keys.add("user" + i + "-" + k);
                }
            }
            assertEquals(keys, journalled(db.dataSource()));
        }
    }

    private static String position(int chunk) {
        return String.format("%08d", chunk);
    }

    private static TreeSet<String> journalled(DataSource db) throws SQLException {
        TreeSet<String> keys = new TreeSet<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT USER_NAME FROM SYN_J_USER_DATA")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /**
     * A log of {@link #CHUNKS} chunks of {@link #KEYS} keys; the first reading of chunk 4 holds a tenant id the
     * journal's INTEGER column refuses. Each acknowledgement notes the position the target had committed then.
     */
    private static final class Script extends LogCaptureStub {
        private final DataSource target;
        final List<String> opens = Collections.synchronizedList(new ArrayList<>());
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        private boolean spoiled;

        Script(DataSource target) {
            this.target = target;
        }

        @Override
        public ChangeLogReader open(DataSource source, String sourceName, SyncConfiguration config,
                                    List<SyncTable> tables, String from) {
            opens.add(from == null ? "(slot)" : from);
            int first = from == null ? 1 : Integer.parseInt(from) + 1;
            return new ChangeLogReader() {
                private int next = first;

                @Override
                public LogChunk poll(int maxChanges, long waitMillis) throws SQLException {
                    if (next > CHUNKS) {
                        // the end of the log: a real reader waits for the next change, up to waitMillis
                        try {
                            Thread.sleep(waitMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new SQLException("interrupted", "57014", e);
                        }
                        return new LogChunk(List.of(), position(CHUNKS));
                    }
                    List<LogChange> changes = new ArrayList<>();
                    for (int k = 0; k < KEYS; k++) {
                        Object tenant = next == 4 && !spoiled ? "not-a-number" : -1234;
                        changes.add(new LogChange("IDN_IDENTITY_USER_DATA", 'I',
                                new Object[] {tenant, "user" + next + "-" + k, "key"}));
                    }
                    if (next == 4) {
                        spoiled = true;
                    }
                    return new LogChunk(changes, position(next++));
                }

                @Override
                public void acknowledge(String position) throws SQLException {
                    try (Connection c = target.getConnection()) {
                        acknowledged.add(position + " committed " + LogJournals.position(c));
                    }
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
