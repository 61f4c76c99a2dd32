/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The pump hands keys to the workers in memory and stores only the position up to which they are applied. The
 * interleavings that must not happen: a position acknowledged to the source (or stored) before every key up to it is
 * committed on the target, or in its journals; a read that fails leaving a gap; a worker that applies nothing holding
 * the position back. The log here is a script (a unit: the real readers run in LogCaptureIT, MySqlLogCaptureIT and
 * LogCaptureKillIT); source and target are real H2 databases, the worker is the real one. The fifth chunk's read
 * fails once, so the log is read again from the stored position; each acknowledgement checks that every key up to it
 * is on the target, as a row or in the journal. Once with the worker applying alongside the pump, once without a
 * worker: the queue fills, and every key goes to the journal.
 */
class LogPumpHandOverTest {

    private static final int CHUNKS = 24;
    private static final int KEYS = 3;

    @Test
    void aPositionIsStoredAndAcknowledgedOnlyOnceEveryKeyUpToItIsOnTheTarget() throws Exception {
        run(true);
    }

    @Test
    void aQueueWithoutRoomGivesItsKeysToTheJournalAndThePositionMovesOn() throws Exception {
        run(false);
    }

    /**
     * The script through the pump; with {@code workerAlongside} the worker applies the keys as they come, without
     * it the pump meets a full queue and gives every key to the journal, and the worker drains it afterwards.
     */
    private static void run(boolean workerAlongside) throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA", "captureMode=log",
                "batchSize=" + KEYS, "syncInterval=100");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.H2)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            TreeSet<String> users = new TreeSet<>();
            try (Connection c = src.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO IDN_IDENTITY_USER_DATA "
                         + "(TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) VALUES (-1234, ?, 'key', ?)")) {
                for (int i = 1; i <= CHUNKS; i++) {
                    for (int k = 0; k < KEYS; k++) {
                        users.add(user(i, k));
                        ps.setString(1, user(i, k));
                        ps.setString(2, "value " + i + "-" + k);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            Dialect dialect;
            try (Connection c = tgt.dataSource().getConnection()) {
                dialect = Dialects.forConnection(c);
                LogJournals.ensure(c, dialect, List.of(SyncTable.IDN_IDENTITY_USER_DATA), "tgt");
            }
            Script log = new Script(tgt.dataSource());
            StopSignal stop = new StopSignal();
            String end = position(CHUNKS) + " stored " + position(CHUNKS) + ", " + CHUNKS * KEYS
                    + " keys up to it on the target or in its journal";
            try (PairOwner owner = PairOwner.acquire(tgt.dataSource(), dialect, "tgt", false)) {
                LogPump pump = new LogPump(log, config, src.dataSource(), tgt.dataSource(), dialect, owner, stop);
                pump.start();
                TableGroup group = TableGroup.of(config.getSyncTables()).get(0);
                GroupWorker worker = new GroupWorker(group, config, src.dataSource(), dialect, tgt.dataSource(),
                        dialect, stop, new SyncProgress(config.getSyncTables(), tgt.dataSource(), dialect, "target"),
                        "tgt", owner, tgt.dataSource(), dialect, pump.queue(group));
                Thread thread = new Thread(pump, "data-sync-log");
                Thread applier = new Thread(() -> {
                    try {
                        worker.run(false);
                    } catch (JobStoppedException e) {
                        // the end of the test
                    }
                }, "data-sync-worker");
                if (workerAlongside) {
                    applier.start();
                }
                thread.start();
                try {
                    if (workerAlongside) {
                        Poll.until("the pump acknowledges the end of the script", Duration.ofSeconds(20),
                                () -> log.acknowledged.contains(end));
                    } else {
                        // 16 batches' worth of keys fill the queue; then every key, those queued too, goes to the
                        // journal, and the position moves on with no worker at all
                        Poll.until("the pump acknowledges the end of the script", Duration.ofSeconds(20),
                                () -> log.acknowledged.contains(end));
                        assertEquals(users, journalled(tgt.dataSource()));
                        assertEquals(0, pump.queue(group).size(), "nothing is left in memory");
                        worker.run(true);
                    }
                } finally {
                    stop.request();
                    thread.interrupt();
                    applier.interrupt();
                    thread.join(10_000);
                    applier.join(10_000);
                }
                assertFalse(thread.isAlive(), "the pump ends on a stop");
                assertFalse(applier.isAlive(), "the worker ends on a stop");
            }
            // The fifth read failed: read again from the stored position, which cannot be past the fourth chunk.
            assertEquals(2, log.opens.size(), log.opens.toString());
            assertEquals("(slot)", log.opens.get(0));
            assertTrue(log.opens.get(1).equals("(slot)") || log.opens.get(1).compareTo(position(4)) <= 0,
                    log.opens.toString());
            for (String line : log.acknowledged) {
                String p = line.substring(0, 8);
                assertEquals(p + " stored " + p + ", " + Integer.parseInt(p) * KEYS
                        + " keys up to it on the target or in its journal", line);
            }
            TableComparison.assertAllSame(src.dataSource(), tgt.dataSource());
            assertEquals(new TreeSet<>(), journalled(tgt.dataSource()));
        }
    }

    private static String user(int chunk, int key) {
        return "user" + chunk + "-" + key;
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
     * A log of {@link #CHUNKS} chunks of {@link #KEYS} inserts; the first read of chunk 5 fails as a lost connection
     * does. Each acknowledgement notes the position the target stored then, and how many keys of the chunks up to
     * the acknowledged one the target holds as rows or as journal entries (the keys the queue had no room for).
     */
    private static final class Script extends LogCaptureStub {
        private final DataSource target;
        final List<String> opens = Collections.synchronizedList(new ArrayList<>());
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        /** Whether the pump polled past the last chunk: it handed that over before. */
        volatile boolean atEnd;
        private boolean failed;

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
                        atEnd = true;
                        // the end of the log: a real reader waits for the next change, up to waitMillis
                        try {
                            Thread.sleep(waitMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new SQLException("interrupted", "57014", e);
                        }
                        return new LogChunk(List.of(), position(CHUNKS));
                    }
                    if (next == 5 && !failed) {
                        failed = true;
                        throw new SQLTransientConnectionException("connection lost", "08006");
                    }
                    List<LogChange> changes = new ArrayList<>();
                    for (int k = 0; k < KEYS; k++) {
                        changes.add(new LogChange("IDN_IDENTITY_USER_DATA", 'I',
                                new Object[] {-1234, user(next, k), "key"}));
                    }
                    return new LogChunk(changes, position(next++));
                }

                @Override
                public void acknowledge(String position) throws SQLException {
                    int upTo = Integer.parseInt(position);
                    int onTarget = 0;
                    try (Connection c = target.getConnection(); PreparedStatement ps = c.prepareStatement(
                            "SELECT COUNT(*) FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = ? UNION ALL "
                                    + "SELECT COUNT(*) FROM SYN_J_USER_DATA WHERE USER_NAME = ?")) {
                        for (int i = 1; i <= upTo; i++) {
                            for (int k = 0; k < KEYS; k++) {
                                ps.setString(1, user(i, k));
                                ps.setString(2, user(i, k));
                                int found = 0;
                                try (ResultSet rs = ps.executeQuery()) {
                                    while (rs.next()) {
                                        found += rs.getInt(1);
                                    }
                                }
                                onTarget += Math.min(1, found);
                            }
                        }
                        acknowledged.add(position + " stored " + LogJournals.position(c) + ", " + onTarget
                                + " keys up to it on the target or in its journal");
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
