/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.stub.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.wso2.is.data.sync.osgi.stub.api.StubDataSources;

/**
 * The datasources of the {@link StubDataSources#JDBC} file: HikariCP pools over a JDBC driver installed as a
 * bundle, as Carbon pools the datasources of {@code master-datasources.xml}. Only this class touches HikariCP, so
 * the stub runs without it when no file is given.
 */
final class PooledDataSources {

    /**
     * How long a caller waits for a connection (logins too) unless the file's {@code .maxWait} says otherwise:
     * every wait on the pool is bounded.
     */
    private static final String DEFAULT_MAX_WAIT_MILLIS = "10000";
    private static final int MAX_POOL_SIZE = 10;
    /**
     * Connections are opened when asked for, never in the background: a background login to a database that
     * stopped answering would hold up the pool's close for its whole timeout.
     */
    private static final int MIN_IDLE = 0;

    private final Path file;
    private final Properties keys;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private PooledDataSources(Path file, Properties keys) {
        this.file = file;
        this.keys = keys;
    }

    /** The file named by {@link StubDataSources#JDBC}. */
    static PooledDataSources read(String name) throws IOException {
        Path file = Paths.get(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(StubDataSources.JDBC + ": " + file + " is not a file");
        }
        Properties keys = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            keys.load(in);
        }
        return new PooledDataSources(file, keys);
    }

    /** Whether the file gives {@code name} a database. */
    boolean defines(String name) {
        return keys.getProperty(name + ".url") != null;
    }

    /** A pool for {@code name}, already holding a connection: a wrong URL or password fails here. */
    DataSource pool(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("stub-" + name);
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(MIN_IDLE);
        config.setConnectionTimeout(Long.parseLong(keys.getProperty(name + ".maxWait", DEFAULT_MAX_WAIT_MILLIS).trim()));
        config.setJdbcUrl(required(name, "url"));
        config.setUsername(required(name, "username"));
        config.setPassword(required(name, "password"));
        config.setAutoCommit(Boolean.parseBoolean(keys.getProperty(name + ".defaultAutoCommit", "true").trim()));
        // HikariCP loads the driver through the context class loader first; the test JVM's class path may hold
        // another copy of the driver, so it must find the driver bundle through its own imports.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HikariConfig.class.getClassLoader());
        try {
            config.setDriverClassName(required(name, "driverClassName"));
            HikariDataSource pool = new HikariDataSource(config);
            pools.add(pool);
            return pool;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Closes the pools, as Carbon's datasources close on shutdown. */
    void close() {
        for (HikariDataSource pool : pools) {
            pool.close();
        }
        pools.clear();
    }

    /** Names the key and the file, never a value: the file holds passwords. */
    private String required(String name, String key) {
        String value = keys.getProperty(name + "." + key);
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(StubDataSources.JDBC + ": " + file + " has no " + name + "." + key);
        }
        return value;
    }
}
