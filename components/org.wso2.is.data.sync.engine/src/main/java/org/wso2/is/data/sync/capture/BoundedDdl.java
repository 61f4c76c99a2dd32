/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * Runs the capture DDL of prepare and clean on one connection so that it never stalls IS writes beyond a bound.
 * A {@code CREATE/DROP TRIGGER} waits for a lock on the IS table behind any open transaction there, and every IS
 * write that arrives meanwhile queues behind the DDL; so each DDL waits at most {@code ddlLockTimeout}, gives the
 * queue way, and is tried again with backoff for at most {@code ddlRetryTime}. When it gives up, the error names
 * the sessions holding the table.
 */
final class BoundedDdl implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(BoundedDdl.class);
    /** The longest pause between two attempts: IS writes flow meanwhile, and the blocker may end any time. */
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Connection connection;
    private final Dialect dialect;
    private final String where;
    private final long lockTimeoutMillis;
    private final RetryPolicy<Object> retry;

    /** Sets the session's lock timeout on {@code connection}; {@link #close()} puts it back. */
    BoundedDdl(Connection connection, Dialect dialect, String where, SyncConfiguration config) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.where = where;
        this.lockTimeoutMillis = config.getDdlLockTimeoutMillis();
        long retryMillis = config.getDdlRetryTimeMillis();
        RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
                .handleIf(e -> e instanceof SQLException && dialect.isLockTimeout((SQLException) e))
                .onRetry(e -> LOG.warn("{}: a lock on the table was not granted within {} ms (attempt {}); IS writes "
                        + "went on, trying again", where, lockTimeoutMillis, e.getAttemptCount()));
        if (retryMillis == 0) {
            builder.withMaxRetries(0);
        } else {
            long maxDelay = Math.max(2, Math.min(MAX_BACKOFF_MILLIS, retryMillis / 2));
            builder.withBackoff(Duration.ofMillis(Math.max(1, Math.min(200, maxDelay / 2))),
                    Duration.ofMillis(maxDelay)).withMaxRetries(-1).withMaxDuration(Duration.ofMillis(retryMillis));
        }
        this.retry = builder.build();
        String set = dialect.ddlLockTimeout(lockTimeoutMillis);
        if (set != null) {
            try (Statement s = connection.createStatement()) {
                s.execute(set);
            }
        }
    }

    /**
     * Executes {@code sql}, which locks {@code lockedTable} (and, for a trigger on a table with a foreign key to
     * another synced table, that one first: {@link Dialect#lockForTriggerDdl}); a lock timeout is retried, and the
     * last one thrown names the sessions holding those tables.
     */
    void execute(Statement statement, String sql, String lockedTable) throws SQLException {
        SyncTable synced = SyncTable.fromName(lockedTable);
        String referenced = synced == null || synced.referencedTable() == null ? null
                : synced.referencedTable().name();
        String lock = referenced == null ? null : dialect.lockForTriggerDdl(lockedTable, referenced);
        long start = System.nanoTime();
        try {
            Failsafe.with(retry).run(() -> {
                if (lock == null) {
                    statement.execute(sql);
                    return;
                }
                statement.execute(lock);
                try {
                    statement.execute(sql);
                } finally {
                    statement.execute(dialect.unlockAfterTriggerDdl());
                }
            });
        } catch (FailsafeException e) {
            // Failsafe wraps what the statement threw, or the interrupt of its backoff.
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting to retry a statement that timed out on a lock", e);
            }
            if (!(cause instanceof SQLException)) {
                throw new SQLException(String.valueOf(cause), e);
            }
            SQLException failure = (SQLException) cause;
            if (!dialect.isLockTimeout(failure)) {
                throw failure;
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            String locked = lock == null ? lockedTable : referenced + " and " + lockedTable;
            throw SqlMessages.withSafeText(SqlMessages.scrub(failure.getMessage()) + " (gave up after " + seconds
                    + " s of attempts that each waited " + lockTimeoutMillis + " ms for a lock on " + locked
                    + "; ddlLockTimeout and ddlRetryTime in sync.properties set these); " + holders(lockedTable)
                    + (lock == null ? "" : "; " + holders(referenced)), failure);
        }
    }

    /** Who holds {@code table}, for an operator who must end or wait for that session. */
    private String holders(String table) {
        try {
            List<String> holders = dialect.lockHolders(connection, table);
            if (holders.isEmpty()) {
                return "no session holding " + table + " is visible to this user";
            }
            return "the sessions holding " + table + ": " + String.join("; ", holders)
                    + "; let them end (commit or roll back), then run this again";
        } catch (SQLException e) {
            return "the sessions holding " + table + " could not be listed: " + SqlMessages.describe(e);
        }
    }

    /** The table a capture object's DDL locks: the IS table for a trigger, else the object itself. */
    static String lockedTable(Dialect dialect, List<SyncTable> tables, CaptureObject object) {
        if (object.getKind() == CaptureObject.Kind.TRIGGER) {
            for (SyncTable t : tables) {
                CaptureNames names = CaptureNames.of(t);
                for (CaptureObject o : dialect.captureObjects(names)) {
                    if (o.getKind() == object.getKind() && o.getName().equals(object.getName())) {
                        return names.getSourceTable();
                    }
                }
            }
        }
        return object.getName();
    }

    /** Puts the session's lock wait back, so that a pooled connection does not keep ours. */
    @Override
    public void close() {
        String reset = dialect.resetDdlLockTimeout();
        if (reset == null) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute(reset);
        } catch (SQLException e) {
            LOG.warn("{}: could not put the session's lock timeout back ({}): {}", where, reset, SqlMessages.describe(e));
        }
    }
}
