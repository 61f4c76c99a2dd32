/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.config.SyncTable;

/**
 * Waits until the transactions of a chunk are visible to the workers' reads. MySQL and MariaDB send a transaction
 * to replicas once it is in the binary log, which is before InnoDB has committed it: a worker reading the row at
 * once could still see the state before it, and the change would be lost. The row locks of a transaction are
 * released only by its InnoDB commit, and InnoDB commits in binary log order (MariaDB always; MySQL with
 * binlog_order_commits = ON, its default), so one locking read of the last key of a chunk returns only once every
 * transaction in the chunk is visible. In READ COMMITTED it takes no gap lock, and under autocommit its shared
 * lock ends with the statement.
 */
final class CommitBarrier {

    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private final DataSource source;
    private final Map<SyncTable, String> lockingReads = new EnumMap<>(SyncTable.class);
    private final int lockWaitSeconds;
    private final String describe;

    CommitBarrier(DataSource source, List<LoggedTable> tables, int lockWaitSeconds, String describe) {
        this.source = source;
        for (LoggedTable t : tables) {
            lockingReads.put(t.getTable(), t.lockingRead());
        }
        this.lockWaitSeconds = lockWaitSeconds;
        this.describe = describe;
    }

    void await(LogChange last) throws SQLException {
        try (Connection c = source.getConnection()) {
            int isolation = c.getTransactionIsolation();
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION innodb_lock_wait_timeout = " + lockWaitSeconds);
                try (PreparedStatement ps = c.prepareStatement(lockingReads.get(SyncTable.valueOf(last.getTable())))) {
                    List<Object> key = last.getKey();
                    for (int i = 0; i < key.size(); i++) {
                        ps.setObject(i + 1, key.get(i));
                    }
                    try (ResultSet ignored = ps.executeQuery()) {
                        // the rows do not matter: that the read got its lock does
                    }
                } finally {
                    // the connection may go back to a pool that IS shares
                    s.execute("SET SESSION innodb_lock_wait_timeout = @@GLOBAL.innodb_lock_wait_timeout");
                    c.setTransactionIsolation(isolation);
                    c.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == LOCK_WAIT_TIMEOUT) {
                throw new SQLTransientException("a transaction read from " + describe + " that changed "
                        + last.getTable() + " is still not committed in InnoDB after " + lockWaitSeconds + " s (a "
                        + "session holds a lock on the row); its keys are not handed on until it is", e);
            }
            throw e;
        }
    }
}
