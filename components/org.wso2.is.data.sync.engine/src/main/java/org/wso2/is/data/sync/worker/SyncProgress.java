/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.capture.CaptureNames;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;

/**
 * Counts applied changes per table and reports, at each interval, what an operator watching syn.log needs:
 * changes applied, the rate over the last interval and over the whole job, backlog (captured, not yet applied)
 * and lag (age of the oldest unapplied change).
 */
public final class SyncProgress {

    private static final Logger LOG = LogManager.getLogger(SyncProgress.class);

    private final Map<SyncTable, AtomicLong> applied = new EnumMap<>(SyncTable.class);
    private final Map<SyncTable, Long> reported = new EnumMap<>(SyncTable.class);
    private final List<SyncTable> tables;
    private final DataSource source;
    private final Dialect dialect;
    private final long started = System.nanoTime();
    private long lastReport = started;

    SyncProgress(List<SyncTable> tables, DataSource source, Dialect dialect) {
        this.tables = tables;
        this.source = source;
        this.dialect = dialect;
        for (SyncTable t : tables) {
            applied.put(t, new AtomicLong());
            reported.put(t, 0L);
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
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (SyncTable t : tables) {
                long total = applied.get(t).get();
                long delta = total - reported.put(t, total);
                Backlog b = backlog(s, t);
                LOG.info("{}: {} changes applied, {} over the last {} s, {} over the job; backlog {}, lag {}", t,
                        total, rate(delta, seconds), seconds(seconds), rate(total, jobSeconds), b.pending,
                        b.pending == 0 ? "0 s" : b.lagSeconds() + " s");
            }
        } catch (SQLException e) {
            LOG.warn("Progress: cannot read the journals on the source: {}", SqlFailures.describe(e));
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

    private Backlog backlog(Statement s, SyncTable table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(CHANGED_AT), " + dialect.now() + " FROM "
                + CaptureNames.of(table).getJournal())) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getTimestamp(2), rs.getTimestamp(3));
        }
    }

    /** Changes waiting in one journal and the age of the oldest. */
    private static final class Backlog {
        private final long pending;
        private final Timestamp oldest;
        private final Timestamp now;

        Backlog(long pending, Timestamp oldest, Timestamp now) {
            this.pending = pending;
            this.oldest = oldest;
            this.now = now;
        }

        String lagSeconds() {
            return oldest == null ? "0" : String.format(Locale.ROOT, "%.1f",
                    Math.max(0, now.getTime() - oldest.getTime()) / 1000.0);
        }
    }
}
