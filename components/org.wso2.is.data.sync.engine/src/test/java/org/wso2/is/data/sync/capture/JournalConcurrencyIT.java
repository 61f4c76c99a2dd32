/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The journal under concurrent writers: a change whose transaction commits after a later-numbered change was
 * consumed is still read, and a rolled-back transaction (a hole in SYNC_ID) never holds the reader up.
 */
class JournalConcurrencyIT {

    private static final String INSERT = "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, "
            + "DATA_VALUE) VALUES (?, ?, 'k', 'v')";
    private static final String UPDATE = "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = ? WHERE TENANT_ID = ? "
            + "AND USER_NAME = ? AND DATA_KEY = 'k'";
    private static final String DELETE = "DELETE FROM IDN_IDENTITY_USER_DATA WHERE TENANT_ID = ? AND USER_NAME = ? "
            + "AND DATA_KEY = 'k'";

    private static TestDatabase prepared(DatabaseKind kind, TestDatabase target) throws Exception {
        TestDatabase src = TestDatabase.create(kind);
        IsSchema.create(src, "5.9.0");
        Jobs.run(JobType.PREPARE, Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA"), src.dataSource(),
                target.dataSource(), null);
        return src;
    }

    /** One reader round: read the oldest committed entries, consume exactly them, commit. */
    private static List<JournalEntry> round(Connection reader, Journal journal, int limit) throws SQLException {
        List<JournalEntry> read = journal.readOldest(reader, limit);
        assertEquals(read.size(), journal.consume(reader, read));
        reader.commit();
        return read;
    }

    private static void insert(Connection c, int tenant, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setInt(1, tenant);
            ps.setString(2, user);
            ps.executeUpdate();
        }
    }

    private static List<String> render(List<JournalEntry> entries) {
        List<String> out = new ArrayList<>();
        for (JournalEntry e : entries) {
            out.add(e.getOperation() + "" + e.getKey());
        }
        return out;
    }

    @OnEachDatabase
    void aLateCommitBelowConsumedIdsIsStillReadAndARollbackNeverBlocks(DatabaseKind kind) throws Exception {
        try (TestDatabase tgt = TestDatabase.create(kind); TestDatabase src = prepared(kind, tgt);
             Connection late = src.dataSource().getConnection();
             Connection early = src.dataSource().getConnection();
             Connection ghost = src.dataSource().getConnection();
             Connection reader = src.dataSource().getConnection()) {
            Dialect dialect = Dialects.forConnection(reader);
            Journal journal = new Journal(dialect, CaptureNames.of(SyncTable.IDN_IDENTITY_USER_DATA));
            late.setAutoCommit(false);
            ghost.setAutoCommit(false);
            reader.setAutoCommit(false);

            insert(late, 1, "late");       // takes the smaller SYNC_ID, commits last
            insert(ghost, 1, "ghost");     // rolled back: leaves a hole in SYNC_ID
            insert(early, 1, "early");     // auto-commit

            List<JournalEntry> first = round(reader, journal, 10);
            assertEquals(Collections.singletonList("I[1, early, k]"), render(first));
            ghost.rollback();
            late.commit();
            List<JournalEntry> second = round(reader, journal, 10);
            assertEquals(Collections.singletonList("I[1, late, k]"), render(second));
            assertTrue(second.get(0).getSyncId() < first.get(0).getSyncId(),
                    "the late change has the smaller id, read after the larger one was consumed");
            assertEquals(Collections.emptyList(), render(round(reader, journal, 10)));
        }
    }

    /**
     * The worker reads batch n+1 while batch n, read but not consumed, is being written: that read skips batch n's
     * entries by id, and still sees a late commit whose id is below them.
     */
    @OnEachDatabase
    void aReadAheadSkipsTheBatchInFlightAndStillSeesALateCommitBelowIt(DatabaseKind kind) throws Exception {
        try (TestDatabase tgt = TestDatabase.create(kind); TestDatabase src = prepared(kind, tgt);
             Connection late = src.dataSource().getConnection();
             Connection early = src.dataSource().getConnection();
             Connection reader = src.dataSource().getConnection()) {
            Journal journal = new Journal(Dialects.forConnection(reader),
                    CaptureNames.of(SyncTable.IDN_IDENTITY_USER_DATA));
            late.setAutoCommit(false);
            reader.setAutoCommit(false);

            insert(late, 1, "late");
            insert(early, 1, "a");
            insert(early, 1, "b");
            insert(early, 1, "c");

            List<JournalEntry> inFlight = journal.readOldest(reader, 2);
            reader.commit();
            assertEquals(List.of("I[1, a, k]", "I[1, b, k]"), render(inFlight));
            late.commit();
            List<JournalEntry> ahead = journal.readOldest(reader, 10, inFlight);
            reader.commit();
            assertEquals(List.of("I[1, late, k]", "I[1, c, k]"), render(ahead));
            assertEquals(List.of("I[1, late, k]"), render(journal.readOldest(reader, 1, inFlight)),
                    "the limit counts only entries not skipped");

            assertEquals(2, journal.consume(reader, inFlight));
            reader.commit();
            assertEquals(Collections.emptyList(), render(journal.readOldest(reader, 10, ahead)));
            reader.commit();
        }
    }

    @OnEachDatabase
    void concurrentWritersWithLongTransactionsAndRollbacksLoseNothing(DatabaseKind kind) throws Exception {
        int writers = 4;
        try (TestDatabase tgt = TestDatabase.create(kind); TestDatabase src = prepared(kind, tgt)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<List<String>>> committed = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                final int tenant = w;
                committed.add(pool.submit(() -> write(src, tenant, 30, new Random(42 + tenant))));
            }
            pool.shutdown();

            List<JournalEntry> consumed = new ArrayList<>();
            AtomicBoolean outOfOrder = new AtomicBoolean();
            try (Connection reader = src.dataSource().getConnection()) {
                reader.setAutoCommit(false);
                Journal journal = new Journal(Dialects.forConnection(reader),
                        CaptureNames.of(SyncTable.IDN_IDENTITY_USER_DATA));
                long maxConsumed = 0;
                long deadline = 0;
                while (true) {
                    List<JournalEntry> read = round(reader, journal, 7);
                    for (JournalEntry e : read) {
                        outOfOrder.compareAndSet(false, e.getSyncId() < maxConsumed);
                        maxConsumed = Math.max(maxConsumed, e.getSyncId());
                    }
                    consumed.addAll(read);
                    if (pool.isTerminated()) {
                        if (deadline == 0) {
                            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        }
                        if (read.isEmpty()) {
                            break;
                        }
                        assertTrue(System.nanoTime() < deadline, "the reader kept finding changes after writers "
                                + "stopped: it is waiting on something");
                    }
                    Thread.sleep(read.isEmpty() ? 5 : 0);
                }
            }
            List<String> expected = new ArrayList<>();
            for (Future<List<String>> f : committed) {
                expected.addAll(f.get());
            }
            List<String> actual = render(consumed);
            Collections.sort(expected);
            Collections.sort(actual);
            assertEquals(expected, actual, "every committed change consumed once, nothing of a rollback");
            System.out.println(kind + ": " + consumed.size() + " changes consumed; out-of-order commits seen: "
                    + outOfOrder.get());
        }
    }

    /**
     * Inserts, updates and deletes keys of its own tenant in transactions of random length, some held open for
     * a while, a fifth rolled back; returns the journal entries its committed transactions must produce.
     */
    private static List<String> write(TestDatabase db, int tenant, int transactions, Random random)
            throws Exception {
        List<String> committed = new ArrayList<>();
        List<String> live = new ArrayList<>();
        int next = 0;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int t = 0; t < transactions; t++) {
                List<String> pending = new ArrayList<>();
                List<String> liveAfter = new ArrayList<>(live);
                int ops = 1 + random.nextInt(4);
                for (int o = 0; o < ops; o++) {
                    int choice = liveAfter.isEmpty() ? 0 : random.nextInt(3);
                    if (choice == 0) {
                        String user = "u" + next++;
                        insert(c, tenant, user);
                        liveAfter.add(user);
                        pending.add("I[" + tenant + ", " + user + ", k]");
                    } else {
                        String user = liveAfter.get(random.nextInt(liveAfter.size()));
                        try (PreparedStatement ps = c.prepareStatement(choice == 1 ? UPDATE : DELETE)) {
                            int i = 1;
                            if (choice == 1) {
                                ps.setString(i++, "v" + t);
                            }
                            ps.setInt(i++, tenant);
                            ps.setString(i, user);
                            ps.executeUpdate();
                        }
                        if (choice == 2) {
                            liveAfter.remove(user);
                        }
                        pending.add((choice == 1 ? "U" : "D") + "[" + tenant + ", " + user + ", k]");
                    }
                    Thread.sleep(random.nextInt(10) == 0 ? 150 : random.nextInt(5));
                }
                if (random.nextInt(5) == 0) {
                    c.rollback();
                } else {
                    c.commit();
                    committed.addAll(pending);
                    live = liveAfter;
                }
            }
        }
        return committed;
    }
}
