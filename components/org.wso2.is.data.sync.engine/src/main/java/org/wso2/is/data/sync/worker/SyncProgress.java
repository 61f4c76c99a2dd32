/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.dialect.Dialect;

/**
 * Counts applied changes per table and reports, at each interval, what an operator watching syn.log needs:
 * changes applied, the rate over the last interval and over the whole job, backlog (captured, not yet applied),
 * lag (age of the oldest unapplied change) and the drain ETA of the backlog at the recent rate.
 *
 * <p>The journals are read only through their primary key index, so a report costs the same at a thousand entries
 * and at ten million: the first and last {@code SYNC_ID} (two index probes) and the first entry's
 * {@code CHANGED_AT}. The backlog is then exact while the id span is small (a count over at most
 * {@value #EXACT_COUNT_SPAN} index entries), and above it the span itself, an upper bound (ids skipped by a rolled
 * back insert, a sequence cache or entries applied out of order are counted).
 */
public final class SyncProgress {

    private static final Logger LOG = LogManager.getLogger(SyncProgress.class);
    /** Up to this id span the backlog is counted exactly: a short index range scan. */
    static final long EXACT_COUNT_SPAN = 10_000;
    /** The ETA's rate is measured over this many past reports (a minute at the default interval). */
    static final int RATE_WINDOW = 6;

    private final Map<SyncTable, AtomicLong> applied = new EnumMap<>(SyncTable.class);
    private final Map<SyncTable, Long> reported = new EnumMap<>(SyncTable.class);
    /** Per table, (time, applied) of the last reports, oldest first. */
    private final Map<SyncTable, Deque<long[]>> samples = new EnumMap<>(SyncTable.class);
    private final List<SyncTable> tables;
    private final DataSource source;
    private final Dialect dialect;
    /** Where the journals are: {@code source} (triggers) or {@code target} (log capture). */
    private final String side;
    /** Log capture's keys queued in memory; null with trigger capture. */
    private final Queued queued;
    private final long started = System.nanoTime();
    private long lastReport = started;

    SyncProgress(List<SyncTable> tables, DataSource source, Dialect dialect, String side) {
        this(tables, source, dialect, side, null);
    }

    /** With log capture: {@code queued} tells the keys of a table the workers have yet to take from memory. */
    SyncProgress(List<SyncTable> tables, DataSource source, Dialect dialect, String side, Queued queued) {
        this.queued = queued;
        this.tables = tables;
        this.source = source;
        this.dialect = dialect;
        this.side = side;
        long now = lastReport;
        for (SyncTable t : tables) {
            applied.put(t, new AtomicLong());
            reported.put(t, 0L);
            Deque<long[]> first = new ArrayDeque<>();
            first.add(new long[] {now, 0});
            samples.put(t, first);
        }
    }

    void applied(SyncTable table, int changes) {
        applied.get(table).addAndGet(changes);
    }

    /** Total changes applied to {@code table} so far. */
    public long getApplied(SyncTable table) {
        return applied.get(table).get();
    }

    /**
     * The report of each interval. Whatever it throws is logged here, never passed on: the scheduler would run a
     * task that threw never again, and the progress lines would stop without a word.
     */
    void reportEachInterval() {
        try {
            report();
        } catch (Throwable e) {
            LOG.error("Progress: this report failed and is tried again at the next interval: {}", e.toString());
            LOG.debug("Cause of the failed progress report", e);
        }
    }

    /** Logs one line per table. */
    synchronized void report() {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastReport) / 1e9);
        double jobSeconds = Math.max(0.001, (now - started) / 1e9);
        lastReport = now;
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(true);
            for (SyncTable t : tables) {
                long total = applied.get(t).get();
                long delta = total - reported.put(t, total);
                Deque<long[]> window = samples.get(t);
                window.addLast(new long[] {now, total});
                while (window.size() > RATE_WINDOW + 1) {
                    window.removeFirst();
                }
                long[] oldest = window.getFirst();
                double windowSeconds = Math.max(0.001, (now - oldest[0]) / 1e9);
                double recentRate = (total - oldest[1]) / windowSeconds;
                Backlog b = backlog(c, dialect, t);
                String backlog = b.describe();
                if (queued != null) {
                    // In log capture the journals hold only what memory had no room for, repair and resync.
                    int q = queued.count(t);
                    backlog += " in the journal, " + q + " queued";
                    b = b.with(q, queued.oldestMillis(t));
                }
                LOG.info("{}: {} changes applied, {} over the last {} s, {} over the job; backlog {}, lag {}, drain ETA "
                        + "{}", t, total, rate(delta, seconds), seconds(seconds), rate(total, jobSeconds),
                        backlog, b.isEmpty() ? "0 s" : b.lagSeconds() + " s", eta(b, recentRate, windowSeconds));
            }
        } catch (SQLException e) {
            LOG.warn("Progress: cannot read the journals on the {}: {}", side, SqlFailures.describe(e));
        }
    }

    /**
     * Changes per second, as "412 /s". Rounded to a whole number, a few changes over a long interval read "0 /s"
     * next to a backlog, as if the group had stalled: below 10 /s one decimal is shown, and any change at all
     * shows at least "&lt;0.1 /s". Only an interval without a change shows "0 /s".
     */
    static String rate(long changes, double seconds) {
        double perSecond = changes / seconds;
        if (changes == 0) {
            return "0 /s";
        }
        if (perSecond >= 10) {
            return Math.round(perSecond) + " /s";
        }
        if (perSecond >= 0.1) {
            return String.format(Locale.ROOT, "%.1f /s", perSecond);
        }
        return "<0.1 /s";
    }

    /** An interval's length, as "10.0". */
    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** The time the backlog takes at {@code rate} changes a second, measured over the last {@code seconds}. */
    static String eta(Backlog b, double rate, double seconds) {
        if (b.isEmpty()) {
            return "0 s (drained)";
        }
        String over = String.format(Locale.ROOT, "%.0f", seconds);
        if (rate < 0.5) {
            return "unknown (nothing applied in the last " + over + " s)";
        }
        long eta = Math.round(b.getEntries() / rate);
        return (b.isExact() ? "" : "at most ") + duration(eta) + " at " + Math.round(rate) + " /s (last " + over
                + " s)";
    }

    /** {@code 42 s}, {@code 3 min 05 s}, {@code 2 h 07 min}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    /**
     * The backlog of {@code table}'s journal, read through its primary key index only (the progress line's
     * queries; the benchmark times them).
     */
    public static Backlog backlog(Connection c, Dialect dialect, SyncTable table) throws SQLException {
        String journal = CaptureNames.of(table).getJournal();
        long first;
        Timestamp oldest;
        Timestamp now;
        try (PreparedStatement ps = c.prepareStatement(dialect.limit("SELECT SYNC_ID, CHANGED_AT, " + dialect.now()
                + " FROM " + journal + " ORDER BY SYNC_ID", 1)); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new Backlog(0, true, null, null);
            }
            first = rs.getLong(1);
            oldest = rs.getTimestamp(2);
            now = rs.getTimestamp(3);
        }
        long last;
        try (PreparedStatement ps = c.prepareStatement(dialect.limit("SELECT SYNC_ID FROM " + journal
                + " ORDER BY SYNC_ID DESC", 1)); ResultSet rs = ps.executeQuery()) {
            // Emptied between the two reads: the first entry was the last.
            last = rs.next() ? Math.max(first, rs.getLong(1)) : first;
        }
        long span = last - first + 1;
        if (span > EXACT_COUNT_SPAN) {
            return new Backlog(span, false, oldest, now);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + journal
                + " WHERE SYNC_ID BETWEEN ? AND ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), true, oldest, now);
            }
        }
    }

    /** Log capture's keys a table's worker has yet to take from memory. */
    interface Queued {
        int count(SyncTable table);

        /** How long the oldest of them has waited, in ms; 0 when none waits. */
        long oldestMillis(SyncTable table);
    }

    /**
     * Changes waiting in one journal and the age of its first entry by id (the oldest, but for ids that do not
     * follow commit order: NOORDER identities, Galera).
     */
    public static final class Backlog {
        private final long entries;
        private final boolean exact;
        private final Timestamp oldest;
        private final Timestamp now;

        Backlog(long entries, boolean exact, Timestamp oldest, Timestamp now) {
            this.entries = entries;
            this.exact = exact;
            this.oldest = oldest;
            this.now = now;
        }

        /** The entries waiting: exact when {@link #isExact()}, otherwise an upper bound (the id span). */
        public long getEntries() {
            return entries;
        }

        public boolean isExact() {
            return exact;
        }

        public boolean isEmpty() {
            return exact && entries == 0;
        }

        /** {@code 1234}, or {@code <= 1234567 (id span)} above the exact count's span. */
        public String describe() {
            return exact ? Long.toString(entries) : "<= " + entries + " (id span)";
        }

        /**
         * This backlog and {@code keys} more waiting in memory, the oldest {@code oldestMillis} ago (0: none): the
         * lag is the older of the two, each measured on its own clock.
         */
        Backlog with(int keys, long oldestMillis) {
            long journalAge = oldest == null ? 0 : Math.max(0, now.getTime() - oldest.getTime());
            if (oldestMillis <= journalAge) {
                return new Backlog(entries + keys, exact, oldest, now);
            }
            long at = System.currentTimeMillis();
            return new Backlog(entries + keys, exact, new Timestamp(at - oldestMillis), new Timestamp(at));
        }

        String lagSeconds() {
            return oldest == null ? "0" : String.format(Locale.ROOT, "%.1f",
                    Math.max(0, now.getTime() - oldest.getTime()) / 1000.0);
        }
    }
}
