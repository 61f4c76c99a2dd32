/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.owner;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.datasource.BoundedDataSource;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * One sync process per target database. The target's {@link CaptureNames#OWNER_TABLE} row names the holder and
 * an epoch that every holder takes anew. Every batch renews the row in its own target transaction, only for its
 * epoch ({@link #fence}); a holder that was taken over finds no row for its epoch and its batch rolls back. A
 * thread renews the row every second: a newcomer that sees the renewals go on refuses, one that sees none for
 * {@link #LEASE_MILLIS} takes the target from a holder that is gone. Safety rests on the epoch alone; the lease
 * only decides when a newcomer may start (docs/design/sync.md, "One sync per target").
 */
public final class PairOwner implements AutoCloseable {

    /** How often the holder renews its hold. */
    static final long BEAT_MILLIS = 1_000;
    /** A hold not renewed for this long belongs to a process that is gone (or stalled: it is fenced out then). */
    static final long LEASE_MILLIS = 5_000;
    private static final long WATCH_STEP_MILLIS = 200;
    /** Bounds every owner statement, including a take-over waiting for a batch of the old holder to commit. */
    private static final int QUERY_TIMEOUT_SECONDS = 30;
    /** A warning about failed renewals is repeated at most this often. */
    private static final long WARN_REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Attempts at taking the row while other newcomers race for it. */
    private static final int TAKE_ATTEMPTS = 3;

    private static final Logger LOG = LogManager.getLogger(PairOwner.class);
    private static final String TABLE = CaptureNames.OWNER_TABLE;
    private static final String READ = "SELECT EPOCH, HEARTBEAT, HOST, PROCESS_ID, SINCE FROM " + TABLE
            + " WHERE ID = 1";
    /** The renewal and the fence: one row, for this epoch only. */
    private static final String RENEW = "UPDATE " + TABLE + " SET HEARTBEAT = HEARTBEAT + 1 WHERE ID = 1 AND EPOCH = ?";

    private final DataSource target;
    private final String where;
    private final long epoch;
    private final ScheduledExecutorService beats;
    private volatile boolean fenced;
    /** Used by the renewal thread only. */
    private Connection beatConnection;
    private long warnedAt;
    private boolean failing;

    private PairOwner(DataSource target, String where, long epoch) {
        this.target = target;
        this.where = where;
        this.epoch = epoch;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "data-sync-owner");
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(this::beat, BEAT_MILLIS, BEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the target for this process, creating the owner table if missing. Without {@code takeOver}, refuses
     * while another process renews its hold; with it, takes the target from that process, which can then commit
     * nothing more.
     *
     * @param where {@code the target database 'tgt' (PostgreSQL)}, for messages
     * @throws JobException when another sync holds the target (nothing was written), or on a database failure
     */
    public static PairOwner acquire(DataSource target, Dialect dialect, String where, boolean takeOver)
            throws JobException, JobStoppedException {
        ThisProcess me = ThisProcess.current();
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(true);
            createIfMissing(c, dialect, where);
            for (int attempt = 0; attempt < TAKE_ATTEMPTS; attempt++) {
                Hold seen = read(c);
                if (seen == null) {
                    if (insert(c, me)) {
                        LOG.info("This sync ({}) holds {} (epoch 1)", me, where);
                        return new PairOwner(target, where, 1);
                    }
                    continue;
                }
                if (seen.isHeld() && !takeOver) {
                    Hold now = watch(c, seen);
                    if (now != seen) {
                        if (now.isHeld()) {
                            throw new JobException(refusal("sync", now, where));
                        }
                        continue;
                    }
                    LOG.warn("{} was held by {}, which has not renewed its hold for {} s: taking it", where,
                            seen.holder(), LEASE_MILLIS / 1000);
                }
                if (take(c, seen, me, takeOver)) {
                    if (takeOver && seen.isHeld()) {
                        LOG.warn("Took {} over from {}: that sync can commit nothing more there and ends with an "
                                + "ERROR", where, seen.holder());
                    }
                    LOG.info("This sync ({}) holds {} (epoch {})", me, where, seen.epoch + 1);
                    return new PairOwner(target, where, seen.epoch + 1);
                }
            }
            Hold now = read(c);
            throw new JobException(now != null && now.isHeld() ? refusal("sync", now, where)
                    : "sync could not take " + where + ": other syncs started at the same time; start one only");
        } catch (SQLException e) {
            throw new JobException("sync cannot take " + where + " for this process: " + SqlMessages.describe(e)
                    + " on the table " + TABLE, e);
        }
    }

    /**
     * For jobs that must not run under a sync (clean): refuses while a sync renews its hold on the target.
     *
     * @param job the job's name, for the message
     */
    public static void requireNoSync(Connection target, Dialect dialect, String where, String job)
            throws JobException, JobStoppedException {
        try {
            if (!dialect.exists(target, dialect.ownerTable())) {
                return;
            }
            Hold seen = read(target);
            if (seen == null || !seen.isHeld()) {
                return;
            }
            Hold now = watch(target, seen);
            if (now != seen && now.isHeld()) {
                throw new JobException(refusal(job, now, where));
            }
        } catch (SQLException e) {
            throw new JobException(job + " cannot read the table " + TABLE + " on " + where + ": " + SqlMessages.describe(e), e);
        }
    }

    /**
     * Checks, inside the batch's own target transaction and as its last statement before the commit, that this
     * process still holds the target. The row stays locked until the commit, so a take-over either commits
     * before (and this batch finds the new epoch) or waits for this commit (and this batch comes first).
     *
     * @throws FencedException when another sync took the target over: roll back, and end
     */
    public void fence(Connection tgt) throws SQLException {
        try (PreparedStatement ps = tgt.prepareStatement(RENEW)) {
            ps.setLong(1, epoch);
            if (ps.executeUpdate() != 1) {
                fenced = true;
                throw new FencedException(fencedMessage());
            }
        }
    }

    /** True once this process found that another sync took the target over. */
    public boolean isFenced() {
        return fenced;
    }

    public String fencedMessage() {
        return "this sync no longer holds " + where + ": another sync took it over (started with --take-over, or "
                + "after this one had not renewed its hold for " + LEASE_MILLIS / 1000 + " s); this sync commits "
                + "nothing more there and ends. Let the other sync run; do not restart this one while it does";
    }

    /** Stops the renewals and, unless taken over, gives the target up, so the next sync starts at once. */
    @Override
    public void close() {
        // Not interrupted: a renewal in flight ends within its statement timeout, and H2 must not see an interrupt
        // (only a renewal stuck after the stop cut the connections is, see awaitRenewal).
        beats.shutdown();
        // An interrupted thread would fail the last statements (H2 even closes its file); the flag is restored.
        boolean interrupted = Thread.interrupted();
        try {
            if (!awaitRenewal()) {
                LOG.warn("The renewal of this sync's hold on {} did not stop; it ends by itself when the database "
                        + "answers or its own timeout expires", where);
            }
            closeBeatConnection();
            if (!fenced) {
                release();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for a renewal in flight, which ends within its statement timeout. Once the job's stop has cut its
     * connections (the database stopped answering), a renewal on a cut connection ends at once; one still running
     * a second later waits for a connection its pool cannot open, bounded only by the pool's own wait (60 s in IS's
     * sample pool options), which would hold the stop past its bound: it is interrupted then, which ends a pool's
     * wait.
     *
     * @return whether the renewal thread has ended
     */
    private boolean awaitRenewal() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(QUERY_TIMEOUT_SECONDS);
        while (!beats.awaitTermination(WATCH_STEP_MILLIS, TimeUnit.MILLISECONDS)) {
            if (target instanceof BoundedDataSource && ((BoundedDataSource) target).isCut()) {
                if (beats.awaitTermination(BEAT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                beats.shutdownNow();
                return beats.awaitTermination(BEAT_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
        }
        return true;
    }

    private void release() {
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                    + " SET HOST = NULL, PROCESS_ID = NULL, SINCE = NULL WHERE ID = 1 AND EPOCH = ?")) {
                ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                ps.setLong(1, epoch);
                ps.executeUpdate();
            }
            LOG.info("This sync gave up its hold on {}", where);
        } catch (SQLException e) {
            LOG.warn("This sync could not give up its hold on {} ({}); the next sync starts once the hold is {} s "
                    + "old", where, SqlMessages.describe(e), LEASE_MILLIS / 1000);
        }
    }

    private void beat() {
        try {
            if (beatConnection == null) {
                beatConnection = target.getConnection();
                beatConnection.setAutoCommit(true);
            }
            int renewed;
            try (PreparedStatement ps = beatConnection.prepareStatement(RENEW)) {
                ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                ps.setLong(1, epoch);
                renewed = ps.executeUpdate();
            }
            if (renewed != 1) {
                fenced = true;
                LOG.error("{}", fencedMessage());
                beats.shutdown();
            } else if (failing) {
                failing = false;
                LOG.info("This sync renews its hold on {} again", where);
            }
        } catch (SQLException | RuntimeException e) {
            closeBeatConnection();
            if (beats.isShutdown()) {
                // the job is ending (close() cut a wait short): no renewal is due any more
                LOG.debug("The last renewal of the hold on {} ended: {}", where, SqlMessages.describe(e));
                return;
            }
            long now = System.nanoTime();
            if (!failing || now - warnedAt > WARN_REPEAT_NANOS) {
                LOG.warn("This sync cannot renew its hold on {}: {}; it retries every {} s. Its batches check the "
                        + "hold themselves; a sync started elsewhere may take the target once the hold is {} s old",
                        where, SqlMessages.describe(e), BEAT_MILLIS / 1000, LEASE_MILLIS / 1000);
                warnedAt = now;
            }
            failing = true;
        }
    }

    private void closeBeatConnection() {
        if (beatConnection != null) {
            try {
                beatConnection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the renewal connection failed", e);
            }
            beatConnection = null;
        }
    }

    private static void createIfMissing(Connection c, Dialect dialect, String where) throws SQLException {
        if (dialect.exists(c, dialect.ownerTable())) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(dialect.ownerTable().getCreateSql());
            LOG.info("Created the table {} on {}: it names the one sync process that writes there", TABLE, where);
        } catch (SQLException e) {
            // Another sync starting at the same moment may have created it.
            if (!dialect.exists(c, dialect.ownerTable())) {
                throw e;
            }
        }
    }

    /** The row once it changed within the lease, or {@code seen} itself when it did not. */
    private static Hold watch(Connection c, Hold seen) throws SQLException, JobStoppedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(WATCH_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobStoppedException();
            }
            Hold now = read(c);
            if (now == null || now.epoch != seen.epoch || now.beat != seen.beat || now.isHeld() != seen.isHeld()) {
                return now == null ? new Hold(seen.epoch, seen.beat, null, null, null) : now;
            }
        }
        return seen;
    }

    private static Hold read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Hold(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)) : null;
            }
        }
    }

    /** False when another newcomer inserted the row first. */
    private static boolean insert(Connection c, ThisProcess me) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (ID, EPOCH, HEARTBEAT, HOST, PROCESS_ID, SINCE) VALUES (1, 1, 0, ?, ?, ?)")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, me.host);
            ps.setString(2, me.id);
            ps.setString(3, me.since);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (read(c) != null) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Compare-and-set on the row as read: a new epoch and this process. Without take-over a renewal since the
     * read means the holder lives, and the row is not taken.
     */
    private static boolean take(Connection c, Hold seen, ThisProcess me, boolean takeOver) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET EPOCH = ?, HEARTBEAT = 0, HOST = ?, "
                + "PROCESS_ID = ?, SINCE = ? WHERE ID = 1 AND EPOCH = ?" + (takeOver ? "" : " AND HEARTBEAT = ?"))) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setLong(1, seen.epoch + 1);
            ps.setString(2, me.host);
            ps.setString(3, me.id);
            ps.setString(4, me.since);
            ps.setLong(5, seen.epoch);
            if (!takeOver) {
                ps.setLong(6, seen.beat);
            }
            return ps.executeUpdate() == 1;
        }
    }

    private static String refusal(String job, Hold hold, String where) {
        return job + " refused: another sync holds " + where + ": " + hold.holder() + ". Stop that sync first "
                + "(Ctrl-C, or kill " + hold.processId + " on " + hold.host + "; for an IS server started with "
                + "-DsyncData, stop that server)" + ("sync".equals(job) ? ". If it cannot be stopped, start this sync "
                + "with --take-over (-DtakeOver for an IS server): the other sync then commits nothing more there and "
                + "ends with an ERROR" : ": " + job + " must not run while a sync writes there");
    }

    /** The owner row as read. */
    private static final class Hold {
        private final long epoch;
        private final long beat;
        private final String host;
        private final String processId;
        private final String since;

        Hold(long epoch, long beat, String host, String processId, String since) {
            this.epoch = epoch;
            this.beat = beat;
            this.host = host;
            this.processId = processId;
            this.since = since;
        }

        /** A released row has no host. */
        boolean isHeld() {
            return host != null;
        }

        String holder() {
            return "process " + processId + " on host " + host + ", since " + since;
        }
    }

    /** This JVM, as the owner row names it. */
    private static final class ThisProcess {
        private final String host;
        private final String id;
        private final String since;

        private ThisProcess(String host, String id, String since) {
            this.host = host;
            this.id = id;
            this.since = since;
        }

        static ThisProcess current() {
            // "pid@host" on every JVM this runs on (Java 8 has no ProcessHandle).
            String name = ManagementFactory.getRuntimeMXBean().getName();
            int at = name.indexOf('@');
            String id = at > 0 ? name.substring(0, at) : name;
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = at > 0 ? name.substring(at + 1) : "unknown";
            }
            return new ThisProcess(cut(host, 255), cut(id, 64),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }

        private static String cut(String s, int length) {
            return s.length() <= length ? s : s.substring(0, length);
        }

        @Override
        public String toString() {
            return "process " + id + " on host " + host;
        }
    }
}
