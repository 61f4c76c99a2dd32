/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A pooled source connection handed back inside an old REPEATABLE READ transaction (Carbon's pool does not end
 * transactions on return) must not make a batch re-apply a stale row or re-read consumed entries.
 */
class StaleSnapshotIT {

    /** Two physical connections handed out in turn; close() returns them without ending the transaction
     *  (Tomcat JDBC pool with rollbackOnReturn=false, commitOnReturn=false: the defaults). */
    static final class TwoConnectionPool implements DataSource {
        final List<Connection> physical = new ArrayList<>();
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean failNextFetch = new AtomicBoolean();

        TwoConnectionPool(DataSource ds) throws SQLException {
            physical.add(ds.getConnection());
            physical.add(ds.getConnection());
        }

        @Override
        public Connection getConnection() {
            Connection c = physical.get(next.getAndIncrement() % 2);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (p, m, a) -> {
                        if (m.getName().equals("close")) {
                            return null;
                        }
                        if (m.getName().equals("prepareStatement") && ((String) a[0]).startsWith(
                                "SELECT TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE FROM IDN_IDENTITY_USER_DATA")
                                && failNextFetch.getAndSet(false)) {
                            throw new SQLException("injected: the source read failed");
                        }
                        try {
                            return m.invoke(c, a);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override public Connection getConnection(String u, String p) { return getConnection(); }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return null; }
        @Override public <T> T unwrap(Class<T> iface) { return null; }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }

    static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
    }

    static String value(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DATA_VALUE FROM IDN_IDENTITY_USER_DATA WHERE USER_NAME = 'alice'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aBatchNeverWorksInAnEarlierTransactionsSnapshot() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.MARIADB)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA", "batchSize=100");
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);

            TwoConnectionPool pool = new TwoConnectionPool(src.dataSource());
            TableGroup group = TableGroup.of(config.getSyncTables()).get(0);
            SyncProgress progress = new SyncProgress(config.getSyncTables(), src.dataSource(),
                    Dialects.forProduct("MariaDB"), "source");
            GroupWorker worker = new GroupWorker(group, config, pool, Dialects.forProduct("MariaDB"),
                    tgt.dataSource(), Dialects.forProduct("MariaDB"), new StopSignal(), progress, "tgt",
                    PairOwner.acquire(tgt.dataSource(), Dialects.forProduct("MariaDB"), "tgt", false));

            exec(src.dataSource(), "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                    + "VALUES (-1234, 'alice', 'accountLocked', 'v1')");
            pool.failNextFetch.set(true);
            try {
                worker.step(Runnable::run);                       // connection A: journal read, then the source read fails
            } catch (BatchFailure expected) {
                System.out.println("batch 1 failed as injected: " + expected.getMessage());
            }
            exec(src.dataSource(), "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = 'v2' WHERE USER_NAME = 'alice'");
            System.out.println("batch 2 (conn B) applied " + worker.step(Runnable::run));
            System.out.println("target after batch 2: " + value(tgt.dataSource()));
            System.out.println("batch 3 (conn A, old snapshot) applied " + worker.step(Runnable::run));
            System.out.println("batch 4 applied " + worker.step(Runnable::run) + ", batch 5 applied " + worker.step(Runnable::run));
            try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SYN_J_USER_DATA")) {
                rs.next();
                System.out.println("journal entries left: " + rs.getLong(1));
            }
            assertEquals(value(src.dataSource()), value(tgt.dataSource()), "target must hold the source's state");
        }
    }
}
