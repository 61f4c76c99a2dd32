/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import org.wso2.is.data.sync.safetext.LogText;
import org.wso2.is.data.sync.datasource.JdbcUrls;

/**
 * One checked {@code [[datasource]]} block of a {@code deployment.toml}, with the IS pool options that have a
 * HikariCP equivalent already translated. A null setting means "not set": HikariCP's default applies.
 */
final class DataSourceDefinition {

    private static final String MASK = "***";

    private final String id;
    private final String url;
    private final String username;
    private final String password;
    private final String driver;
    private final Integer maximumPoolSize;
    private final Integer minimumIdle;
    private final Long connectionTimeoutMillis;
    private final String connectionTestQuery;
    private final Boolean autoCommit;
    private final List<String> ignoredKeys;
    private final boolean plainTextPassword;

    DataSourceDefinition(String id, String url, String username, String password, String driver,
                         Integer maximumPoolSize, Integer minimumIdle, Long connectionTimeoutMillis,
                         String connectionTestQuery, Boolean autoCommit, List<String> ignoredKeys,
                         boolean plainTextPassword) {
        this.id = id;
        this.url = url;
        this.username = username;
        this.password = password;
        this.driver = driver;
        this.maximumPoolSize = maximumPoolSize;
        this.minimumIdle = minimumIdle;
        this.connectionTimeoutMillis = connectionTimeoutMillis;
        this.connectionTestQuery = connectionTestQuery;
        this.autoCommit = autoCommit;
        this.ignoredKeys = Collections.unmodifiableList(new ArrayList<>(ignoredKeys));
        this.plainTextPassword = plainTextPassword;
    }

    /** Whether the file holds this block's password itself, not a {@code $secret{alias}} of the secure vault. */
    boolean hasPlainTextPassword() {
        return plainTextPassword;
    }

    String getId() {
        return id;
    }

    String getUrl() {
        return url;
    }

    /** Null when the block has no {@code username}. */
    String getUsername() {
        return username;
    }

    /** Null when the block has no {@code password}. Never log it: use {@link #mask(String)} on any text. */
    String getPassword() {
        return password;
    }

    /** Null when the block has no {@code driver}: the JDBC URL picks the driver. */
    String getDriver() {
        return driver;
    }

    /** Keys of the block (e.g. {@code jmx_enable}, {@code pool_options.testOnBorrow}) the launcher does not use. */
    List<String> getIgnoredKeys() {
        return ignoredKeys;
    }

    /**
     * The pool configuration, without the driver class: HikariConfig loads a driver class as soon as it is named,
     * so the provider names it once it has found the class. The pool is named {@code data-sync-<id>} so its
     * threads and log lines say whose they are.
     */
    HikariConfig toHikariConfig() {
        HikariConfig c = new HikariConfig();
        c.setPoolName("data-sync-" + id);
        c.setJdbcUrl(url);
        c.setUsername(username);
        c.setPassword(password);
        if (maximumPoolSize != null) {
            c.setMaximumPoolSize(maximumPoolSize);
        }
        if (minimumIdle != null) {
            c.setMinimumIdle(minimumIdle);
        }
        if (connectionTimeoutMillis != null) {
            c.setConnectionTimeout(connectionTimeoutMillis);
        }
        if (connectionTestQuery != null) {
            c.setConnectionTestQuery(connectionTestQuery);
        }
        if (autoCommit != null) {
            c.setAutoCommit(autoCommit);
        }
        c.setDataSourceProperties(driverProperties());
        return c;
    }

    /**
     * What the launcher tells the driver besides the URL: for PostgreSQL {@code logServerErrorDetail=false}, so that
     * pgjdbc leaves the server's detail ("Failing row contains (...)") and bound values out of its messages.
     */
    Properties driverProperties() {
        Properties p = new Properties();
        if (JdbcUrlPolicy.isPostgresql(url)) {
            p.setProperty("logServerErrorDetail", "false");
        }
        return p;
    }

    /**
     * Makes text about this datasource safe to print, on one line: passwords inside JDBC URLs are masked, and so
     * is this block's password wherever a driver might have echoed it.
     */
    String mask(String text) {
        String s = JdbcUrls.redact(text);
        if (s != null && password != null && !password.isEmpty()) {
            s = s.replace(password, MASK);
        }
        return LogText.oneLine(s);
    }

    /** How the datasource is named in messages: scheme, host, port and database of the URL, and the user. */
    String describe() {
        return "url " + mask(JdbcUrls.describe(url)) + (username == null ? "" : ", user " + mask(username));
    }
}
