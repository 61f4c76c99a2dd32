/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.config.ConfigurationException;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceNames;
import org.wso2.is.data.sync.datasource.DataSourceProvider;

/**
 * The datasources of a {@code deployment.toml}, each found by its id {@code X} or as {@code jdbc/X}, as Carbon
 * binds them. A HikariCP pool is opened only when a datasource is asked for, so blocks the configuration does
 * not name are never touched; {@link #close()} closes every pool opened.
 *
 * <p>Before a pool opens, the launcher connects once through the driver itself: the failures operators hit
 * (no driver, wrong password, bad URL) are then worded here, with the URL masked, instead of in HikariCP's
 * error log, whose own masking misses H2's {@code ;PASSWORD=} and {@code user:secret@host}.
 */
public final class TomlDataSourceProvider implements DataSourceProvider, AutoCloseable {

    private static final String DRIVER_HINT = "the launcher ships the H2, PostgreSQL and MariaDB drivers; "
            + "copy the JDBC driver jar of any other database into the lib/ directory of the distribution";

    private final Map<String, DataSourceDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

    private final List<String> warnings = new ArrayList<>();

    TomlDataSourceProvider(List<DataSourceDefinition> definitions) {
        for (DataSourceDefinition d : definitions) {
            this.definitions.put(d.getId(), d);
        }
    }

    /** Reads and checks the file; opens nothing. */
    public static TomlDataSourceProvider load(Path deploymentToml) throws ConfigurationException {
        return load(deploymentToml, null);
    }

    /**
     * Reads and checks the file and decrypts its {@code $secret{...}} values with the primary keystore of
     * {@code carbonHome}; opens no database.
     *
     * @param carbonHome the IS pack; null: the directory above {@code repository/conf} when the file lies there
     */
    public static TomlDataSourceProvider load(Path deploymentToml, Path carbonHome) throws ConfigurationException {
        List<DataSourceDefinition> definitions = DeploymentToml.read(deploymentToml, carbonHome,
                SecureVault.Environment.SYSTEM);
        TomlDataSourceProvider provider = new TomlDataSourceProvider(definitions);
        String readable = DeploymentToml.readableByOthers(deploymentToml, definitions);
        if (readable != null) {
            provider.warnings.add(readable);
        }
        return provider;
    }

    /** What the file's reading found worth a WARN (the file is read before logging starts). */
    public List<String> getWarnings() {
        return new ArrayList<>(warnings);
    }

    @Override
    public synchronized DataSource get(String name) throws DataSourceLookupException {
        DataSourceDefinition d = find(name);
        HikariDataSource pool = pools.get(d.getId());
        if (pool == null) {
            pool = open(name, d);
            pools.put(d.getId(), pool);
        }
        return pool;
    }

    private DataSourceDefinition find(String name) throws DataSourceLookupException {
        for (String candidate : DataSourceNames.candidates(name)) {
            DataSourceDefinition d = definitions.get(candidate);
            if (d != null) {
                return d;
            }
        }
        List<String> bound = new ArrayList<>();
        for (String id : definitions.keySet()) {
            bound.add(DataSourceNames.describe(id, DataSourceNames.JNDI_PREFIX + id));
        }
        throw DataSourceLookupException.notBound(name, bound);
    }

    private HikariDataSource open(String name, DataSourceDefinition d) throws DataSourceLookupException {
        String what = "datasource '" + name + "' (" + d.describe() + ")";
        if (!d.getIgnoredKeys().isEmpty()) {
            log().warn("Datasource '{}': {} ignored: the launcher's HikariCP pool has no equivalent", d.getId(),
                    String.join(", ", d.getIgnoredKeys()));
        }
        Driver driver = driver(what, d);
        Properties credentials = d.driverProperties();
        if (d.getUsername() != null) {
            credentials.setProperty("user", d.getUsername());
        }
        if (d.getPassword() != null) {
            credentials.setProperty("password", d.getPassword());
        }
        try (Connection c = driver.connect(d.getUrl(), credentials)) {
            if (c == null) {
                throw new DataSourceLookupException("cannot connect to " + what + ": driver "
                        + driver.getClass().getName() + " does not accept this url; " + DRIVER_HINT);
            }
        } catch (SQLException e) {
            throw new DataSourceLookupException("cannot connect to " + what + ": " + d.mask(e.getMessage())
                    + " (SQLState " + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            // a driver's own bug: its text is masked like any other
            throw new DataSourceLookupException("cannot connect to " + what + ": " + d.mask(String.valueOf(e)));
        }
        try {
            HikariConfig config = d.toHikariConfig();
            if (d.getDriver() != null) {
                config.setDriverClassName(d.getDriver());
            }
            HikariDataSource pool = new HikariDataSource(config);
            log().info("Datasource '{}': pool {} opened ({}, up to {} connections)", d.getId(), pool.getPoolName(),
                    d.describe(), pool.getMaximumPoolSize());
            return pool;
        } catch (RuntimeException e) {
            // HikariCP wraps driver and configuration failures in runtime exceptions whose text may hold the URL
            throw new DataSourceLookupException("cannot open a connection pool for " + what + ": "
                    + d.mask(String.valueOf(e.getMessage())));
        }
    }

    private static Driver driver(String what, DataSourceDefinition d) throws DataSourceLookupException {
        if (d.getDriver() == null) {
            try {
                return DriverManager.getDriver(d.getUrl());
            } catch (SQLException e) {
                throw new DataSourceLookupException("cannot connect to " + what
                        + ": no JDBC driver on the classpath accepts this url; " + DRIVER_HINT);
            }
        }
        Driver driver;
        try {
            Class<?> type = Class.forName(d.getDriver(), true, TomlDataSourceProvider.class.getClassLoader());
            driver = (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new DataSourceLookupException("cannot connect to " + what + ": driver class " + d.getDriver()
                    + " is not on the classpath; " + DRIVER_HINT);
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new DataSourceLookupException("cannot connect to " + what + ": driver class " + d.getDriver()
                    + " cannot be used as a JDBC driver (" + e + ")");
        }
        try {
            if (!driver.acceptsURL(d.getUrl())) {
                throw new DataSourceLookupException("cannot connect to " + what + ": driver " + d.getDriver()
                        + " does not accept this url; check the url, or remove driver to let the url choose one");
            }
        } catch (SQLException e) {
            throw new DataSourceLookupException("cannot connect to " + what + ": " + d.mask(e.getMessage()));
        }
        return driver;
    }

    /** Not a static field: the file is read before the launcher has configured logging. */
    private static Logger log() {
        return LogManager.getLogger(TomlDataSourceProvider.class);
    }

    /** Closes every pool opened; safe to call more than once. */
    @Override
    public synchronized void close() {
        for (Map.Entry<String, HikariDataSource> e : pools.entrySet()) {
            e.getValue().close();
            log().info("Datasource '{}': pool {} closed", e.getKey(), e.getValue().getPoolName());
        }
        pools.clear();
    }
}
