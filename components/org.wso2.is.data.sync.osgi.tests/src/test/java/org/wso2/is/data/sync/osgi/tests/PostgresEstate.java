/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.ops4j.pax.exam.Option;
import org.wso2.is.data.sync.osgi.stub.api.StubDataSources;
import org.wso2.is.data.sync.testkit.BlackHoleProxy;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * An IS estate on the test kit's real PostgreSQL, set up in the test JVM before the framework starts: a source and
 * a target database holding IS 5.9.0's synced tables, and a {@link BlackHoleProxy} in front of the target. The
 * Carbon stand-in serves them as datasources {@code source} and {@code target} (through the proxy), pooled with
 * {@code defaultAutoCommit = false} as IS's datasources are, and {@code targetDirect}, the test's own way to the
 * target past the proxy. Used only outside the framework: the test inside reaches the proxy through
 * {@link ProxyControl}.
 */
final class PostgresEstate {

    static final String SOURCE = "source";
    static final String TARGET = "target";
    static final String TARGET_DIRECT = "targetDirect";

    private PostgresEstate() {
    }

    /** Starts the databases and the proxy; the options install pgjdbc and HikariCP and point the stub at them. */
    static Option start(CarbonHome home) throws Exception {
        TestDatabase source = TestDatabase.create(DatabaseKind.POSTGRESQL);
        TestDatabase target = TestDatabase.create(DatabaseKind.POSTGRESQL);
        createIs590Tables(source);
        createIs590Tables(target);
        URI server = URI.create(target.jdbcUrl().substring("jdbc:".length()));
        BlackHoleProxy proxy = BlackHoleProxy.to(server.getHost(), server.getPort());
        // A login the proxy swallows fails after 5 s instead of the pool's wait: the pool's close, at the IS
        // restart, waits for the logins in flight.
        String viaProxy = "jdbc:postgresql://" + server.getHost() + ":" + proxy.port() + server.getPath()
                + "?loginTimeout=5";

        Properties jdbc = new Properties();
        add(jdbc, SOURCE, source.jdbcUrl(), source, "false");
        add(jdbc, TARGET, viaProxy, target, "false");
        add(jdbc, TARGET_DIRECT, target.jdbcUrl(), target, "true");
        Path file = home.root().resolve("stub-jdbc.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            jdbc.store(out, "the stub's pooled datasources; test only");
        }
        // The JVM ends with the test class: the test kit's shutdown hook stops the server, the proxy's threads
        // are daemons.
        return composite(
                systemProperty(StubDataSources.JDBC).value(file.toString()),
                systemProperty(ProxyControl.PORT).value(Integer.toString(serveControl(proxy))),
                mavenBundle("org.postgresql", "postgresql").versionAsInProject(),
                mavenBundle("com.zaxxer", "HikariCP").versionAsInProject());
    }

    private static void add(Properties jdbc, String name, String url, TestDatabase db, String autoCommit) {
        jdbc.setProperty(name + ".url", url);
        jdbc.setProperty(name + ".driverClassName", "org.postgresql.Driver");
        jdbc.setProperty(name + ".username", db.username());
        jdbc.setProperty(name + ".password", db.password());
        jdbc.setProperty(name + ".defaultAutoCommit", autoCommit);
        jdbc.setProperty(name + ".maxWait", "60000");
    }

    /** The engine's copy of IS 5.9.0's PostgreSQL script for the synced tables, statement by statement. */
    private static void createIs590Tables(TestDatabase db) throws IOException, SQLException {
        List<String> statements = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(Paths.get(System.getProperty("it.is590.postgresql.schema")))) {
            if (!line.trim().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        for (String statement : text.toString().split(";")) {
            if (!statement.trim().isEmpty()) {
                statements.add(statement);
            }
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /**
     * A loopback port on which each connection sends one {@link ProxyControl} command; the answer is {@code ok}.
     * Port 0: the kernel picks a free one.
     */
    private static int serveControl(BlackHoleProxy proxy) throws IOException {
        ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(ProxyControl.TIMEOUT_MILLIS);
                    String command = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.UTF_8)).readLine();
                    String answer;
                    if (ProxyControl.BLACK_HOLE.equals(command)) {
                        proxy.blackHole();
                        answer = "ok";
                    } else if (ProxyControl.RESUME.equals(command)) {
                        proxy.resume();
                        answer = "ok";
                    } else {
                        answer = "unknown command: " + command;
                    }
                    s.getOutputStream().write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the asking side gets no "ok" and fails
                }
            }
        }, "proxy-control");
        t.setDaemon(true);
        t.start();
        return listener.getLocalPort();
    }
}
