/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.wso2.is.data.sync.testkit.DatabaseServer;
import org.wso2.is.data.sync.testkit.EmbeddedMariaDbServer;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.schema.IsSchemaScript;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedDatabases;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** One database product under test: fresh IS 5.9.0 databases on the test kit's server, pools, and facts to report. */
final class BenchDatabase implements AutoCloseable {

    final String label;
    final DatabaseKind kind;
    final String schemaScript;
    /** Server settings that matter for the figures, as read from the running server. */
    final Map<String, String> settings = new LinkedHashMap<>();
    /** The test kit's server with its defaults' settings: the uncaptured reference of log mode's own server. */
    final Map<String, String> defaultServerSettings = new LinkedHashMap<>();
    private Server h2Tcp;
    /**
     * With {@code --capture-modes=...log}: a server of our own started with what log capture needs (PostgreSQL
     * wal_level = logical; MariaDB's row-based binary log), on which every mode runs; null: the test kit's shared
     * server.
     */
    private DatabaseServer logServer;
    /** Whether the targets are on the test kit's server rather than on {@link #logServer}. */
    private boolean separateTarget;

    BenchDatabase(String label) {
        this.label = label;
        switch (label) {
            case "postgresql" -> { kind = DatabaseKind.POSTGRESQL; schemaScript = "postgresql"; }
            case "mariadb" -> { kind = DatabaseKind.MARIADB; schemaScript = "mysql"; }
            default -> { kind = DatabaseKind.H2; schemaScript = "h2"; }
        }
    }

    /** Starts the server (test kit), applies the settings of the reference where asked, and records them. */
    void start(Options options) throws Exception {
        if (kind != DatabaseKind.H2 && options.logMode()) {
            logServer = kind == DatabaseKind.POSTGRESQL
                    ? EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"))
                    : EmbeddedMariaDbServer.startNew(EmbeddedMariaDbServer.binaryLogOptions("ROW", "FULL"));
            if (kind == DatabaseKind.MARIADB) {
                // with the binary log on, CREATE TRIGGER needs SUPER or this (trigger mode's prepare says so):
                // what a DBA sets on a server that logs and keeps triggers
                try (Connection c = logServer.adminDataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("SET GLOBAL log_bin_trust_function_creators = 1");
                }
            }
            configure(logServer.adminDataSource(), options, settings);
            separateTarget = options.separateTarget;
            if (separateTarget) {
                settings.put("targets", "on the test kit's server with its default settings");
            }
            if (options.phases.contains("capture") || separateTarget) {
                // the uncaptured reference on the default settings as well: what wal_level or the binary log
                // costs by itself
                configure(EmbeddedDatabases.server(kind).adminDataSource(), options, defaultServerSettings);
            }
            return;
        }
        switch (kind) {
            case POSTGRESQL, MARIADB -> configure(EmbeddedDatabases.server(kind).adminDataSource(), options,
                    settings);
            case H2 -> {
                try (TestDatabase db = TestDatabase.create(DatabaseKind.H2);
                     Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    settings.put("version", one(s, "SELECT H2VERSION()"));
                    settings.put("mode", "in memory, in the benchmark's JVM (the memory child reaches it over TCP)");
                }
                int port;
                try (ServerSocket probe = new ServerSocket(0)) {
                    port = probe.getLocalPort();
                }
                h2Tcp = Server.createTcpServer("-tcpPort", Integer.toString(port)).start();
            }
        }
    }

    /** Applies the settings of the reference (MariaDB's buffer pool) and records the server's settings. */
    private void configure(DataSource admin, Options options, Map<String, String> settings) throws Exception {
        if (kind == DatabaseKind.POSTGRESQL) {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                settings.put("version", one(s, "SHOW server_version"));
                for (String p : new String[] {"shared_buffers", "synchronous_commit", "fsync", "autovacuum",
                        "autovacuum_naptime", "max_connections", "wal_level"}) {
                    settings.put(p, one(s, "SHOW " + p));
                }
            }
            return;
        }
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            String before = one(s, "SELECT @@innodb_buffer_pool_size");
            settings.put("innodb_buffer_pool_size (test kit start)", mb(before));
            if (options.mariaDbBufferPoolMb > 0) {
                long wanted = options.mariaDbBufferPoolMb * 1024L * 1024L;
                // dynamic since MariaDB 10.2: resized online, in chunks
                s.execute("SET GLOBAL innodb_buffer_pool_size = " + wanted);
                long deadline = System.currentTimeMillis() + 60_000;
                while (Long.parseLong(one(s, "SELECT @@innodb_buffer_pool_size")) < wanted
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(500);
            }
            settings.put("version", one(s, "SELECT VERSION()"));
            settings.put("innodb_buffer_pool_size", mb(one(s, "SELECT @@innodb_buffer_pool_size")));
            try (ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'Innodb_buffer_pool_resize_status'")) {
                if (rs.next()) {
                    settings.put("Innodb_buffer_pool_resize_status", rs.getString(2));
                }
            }
            for (String p : new String[] {"innodb_flush_log_at_trx_commit", "innodb_log_file_size",
                    "sync_binlog", "log_bin", "binlog_format", "binlog_row_image", "log_bin_trust_function_creators",
                    "innodb_autoinc_lock_mode",
                    "tx_isolation"}) {
                String v = one(s, "SELECT @@" + p);
                settings.put(p, p.endsWith("_size") ? mb(v) : v);
            }
        }
    }

    private static String mb(String bytes) {
        return (Long.parseLong(bytes) / (1024 * 1024)) + " MB";
    }

    static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** An empty database with nothing in it (the target of a prepare that only captures). */
    TestDatabase empty() throws Exception {
        return create(logServer);
    }

    /** A new database holding the IS 5.9.0 tables and the three OAuth apps the tokens refer to. */
    TestDatabase fresh() throws Exception {
        return fresh(logServer);
    }

    /** As {@link #fresh()}, where the targets are: see {@link Options#separateTarget}. */
    TestDatabase freshTarget() throws Exception {
        return separateTarget ? fresh(null) : fresh();
    }

    /** As {@link #fresh()}, on the test kit's server with its default settings (no wal_level, no binary log). */
    TestDatabase freshOnDefaultServer() throws Exception {
        return fresh(null);
    }

    /** Whether the phases run on a server set up for log capture (and can run in {@code log} mode at all). */
    boolean logCapable() {
        return logServer != null;
    }

    /** A new database on {@code on} (null: the test kit's shared server) whose login may read the log there. */
    private TestDatabase create(DatabaseServer on) throws Exception {
        if (on == null) {
            return TestDatabase.create(kind);
        }
        TestDatabase db = on.createDatabase();
        try (Connection c = on.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(kind == DatabaseKind.POSTGRESQL ? "ALTER ROLE " + db.username() + " REPLICATION"
                    : "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + db.username() + "'@'%'");
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return db;
    }

    private TestDatabase fresh(DatabaseServer on) throws Exception {
        TestDatabase db = create(on);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            IsSchemaScript.create(c, "5.9.0", schemaScript);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, "
                    + "APP_NAME, USERNAME, TENANT_ID, USER_DOMAIN) VALUES (?, ?, ?, 'admin', -1234, 'PRIMARY')")) {
                for (int id = 1; id <= 3; id++) {
                    ps.setInt(1, id);
                    ps.setString(2, "ck" + id);
                    ps.setString(3, "app" + id);
                    ps.executeUpdate();
                }
            }
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** A pool as the launcher opens one (HikariCP, its defaults). */
    static HikariDataSource pool(TestDatabase db, String name) {
        return pool(db.jdbcUrl(), db.username(), db.password(), name);
    }

    static HikariDataSource pool(String url, String user, String password, String name) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setPoolName(name);
        HikariDataSource pool = new HikariDataSource(c);
        // Filled before any clock starts, as the ceiling opens its connection before its own: a running sync's
        // pools are warm, and on 2 cores a pool filling in the background takes CPU from the first batches.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (pool.getHikariPoolMXBean().getTotalConnections() < pool.getMinimumIdle()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return pool;
    }

    /** The URL another process reaches {@code db} at. */
    String externalUrl(TestDatabase db) {
        if (kind == DatabaseKind.H2) {
            return "jdbc:h2:tcp://127.0.0.1:" + h2Tcp.getPort() + "/mem:" + db.name();
        }
        return db.jdbcUrl();
    }

    static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return Long.parseLong(one(s, "SELECT COUNT(*) FROM " + table));
        }
    }

    /** Stops the servers this database product ran on, freeing the cores for the next one. */
    void stopServers() {
        if (logServer != null) {
            logServer.close();
        }
        if (kind != DatabaseKind.H2) {
            EmbeddedDatabases.server(kind).stop();
        }
    }

    @Override
    public void close() {
        if (logServer != null) {
            logServer.close();
        }
        if (h2Tcp != null) {
            h2Tcp.stop();
        }
    }
}
