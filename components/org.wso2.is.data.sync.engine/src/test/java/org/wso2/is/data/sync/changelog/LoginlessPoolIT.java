/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * Log capture opens a connection of its own to the source, from the URL and login the source's pool tells. A pool
 * that tells none cannot be read: sync fails at its start with the error that says so, instead of retrying for
 * ever (a drain then never ended).
 */
class LoginlessPoolIT {

    @Test
    void aSourcePoolThatTellsNoLoginFailsTheSyncAtOnce() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"));
             TestDatabase src = LogCaptureIT.replicatingSource(server);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA", "captureMode=log");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            try {
                JobOutcome drain = SyncIT.runner(JobType.SYNC, config, new Loginless(src.dataSource()),
                        tgt.dataSource(), true).runHere();
                assertEquals(JobOutcome.Status.FAILED, drain.getStatus(), drain.getMessage());
                assertTrue(drain.getMessage().endsWith("sync cannot start: log capture cannot open its own "
                        + "connection to the source datasource 'src': its pool (" + Loginless.class.getName()
                        + ") does not tell the URL, user and password to log in with; use captureMode = triggers, or "
                        + "the launcher (bin/data-sync) (SQLState 08001)"), drain.getMessage());
            } finally {
                Jobs.run(JobType.CLEAN, config, src.dataSource(), tgt.dataSource(), null);
            }
        }
    }

    /** A pool as some containers give it: connections, and no getters for where they lead. */
    private static final class Loginless implements DataSource {

        private final DataSource pool;

        Loginless(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no log
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the pool's own
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
