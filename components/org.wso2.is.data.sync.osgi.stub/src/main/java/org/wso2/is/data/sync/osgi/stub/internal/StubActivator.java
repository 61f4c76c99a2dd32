/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.stub.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.wso2.carbon.ndatasource.core.CarbonDataSource;
import org.wso2.carbon.ndatasource.core.DataSourceMetaInfo;
import org.wso2.carbon.ndatasource.core.DataSourceService;
import org.wso2.carbon.ndatasource.core.DataSourceStatus;
import org.wso2.carbon.ndatasource.core.JNDIConfig;
import org.wso2.is.data.sync.osgi.stub.api.StubDataSources;

/**
 * Registers the {@link DataSourceService} as Carbon's ndatasource bundle would after reading
 * {@code master-datasources.xml}: one datasource per name in {@link StubDataSources#DATASOURCES}, with the
 * scripts of {@link StubDataSources#SCHEMA} already run; a real database's pool for each name the
 * {@link StubDataSources#JDBC} file defines.
 */
public final class StubActivator implements BundleActivator {

    /** Null unless {@link StubDataSources#JDBC} is set: HikariCP need not be installed otherwise. */
    private PooledDataSources pooled;

    @Override
    public void start(BundleContext context) throws SQLException, IOException {
        Set<String> slow = names(StubDataSources.SLOW);
        String jdbc = System.getProperty(StubDataSources.JDBC, "").trim();
        pooled = jdbc.isEmpty() ? null : PooledDataSources.read(jdbc);
        try {
            Map<String, DataSource> dataSources = new LinkedHashMap<>();
            for (String name : names(StubDataSources.DATASOURCES)) {
                if (slow.contains(name)) {
                    dataSources.put(name, new BlockingDataSource(name));
                } else if (pooled != null && pooled.defines(name)) {
                    dataSources.put(name, pooled.pool(name));
                } else {
                    dataSources.put(name, h2(name));
                }
            }
            for (String entry : names(StubDataSources.SCHEMA)) {
                runScript(dataSources, entry);
            }
            Map<String, CarbonDataSource> bound = new LinkedHashMap<>();
            dataSources.forEach((name, ds) -> bound.put(name, carbonDataSource(name, ds)));
            context.registerService(DataSourceService.class, new StubDataSourceService(bound), null);
        } catch (RuntimeException | SQLException e) {
            // a start that fails gets no stop: the pools opened so far close here
            stop(context);
            throw e;
        }
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service; the pools close as Carbon's do on shutdown, so a start after
        // this one connects afresh, as IS does after a restart
        if (pooled != null) {
            pooled.close();
            pooled = null;
        }
    }

    private static Set<String> names(String property) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : Arrays.asList(System.getProperty(property, "").split(","))) {
            if (!name.trim().isEmpty()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    private static DataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1: the database outlives its connections, as a real server's would
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        h2.setUser(StubDataSources.USER);
        h2.setPassword(StubDataSources.PASSWORD);
        return h2;
    }

    /**
     * Runs the file of a {@code <datasource>:<SQL file>} entry. The split is at the first colon, so a Windows
     * path keeps its drive. A mistake fails the bundle's start, so a test cannot run on a database it did not ask for.
     */
    private static void runScript(Map<String, DataSource> dataSources, String entry) throws SQLException {
        int colon = entry.indexOf(':');
        DataSource ds = colon < 0 ? null : dataSources.get(entry.substring(0, colon).trim());
        if (!(ds instanceof JdbcDataSource)) {
            throw new IllegalArgumentException(StubDataSources.SCHEMA + ": '" + entry + "' does not start with the "
                    + "name of a bound H2 datasource; expected <datasource>:<SQL file>");
        }
        Path file = Paths.get(entry.substring(colon + 1).trim()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(StubDataSources.SCHEMA + ": " + file + " is not a file");
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + file.toString().replace("'", "''") + "'");
        }
    }

    /** Named as Carbon binds a {@code [[datasource]] id="name"}: name {@code name}, JNDI {@code jdbc/name}. */
    private static CarbonDataSource carbonDataSource(String name, DataSource ds) {
        DataSourceMetaInfo info = new DataSourceMetaInfo();
        info.setName(name);
        JNDIConfig jndi = new JNDIConfig();
        jndi.setName("jdbc/" + name);
        info.setJndiConfig(jndi);
        return new CarbonDataSource(info, new DataSourceStatus("ACTIVE", null), ds);
    }
}
