/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.wso2.is.data.sync.worker.SqlMessages;

/** What a datasource connects to, read from its JDBC metadata; safe to log (no credentials). */
public final class DatabaseInfo {

    private final String productName;
    private final String productVersion;
    private final int majorVersion;
    private final int minorVersion;
    private final String url;
    private final String user;
    private final String catalog;
    private final String schema;

    DatabaseInfo(String productName, String productVersion, int majorVersion, int minorVersion, String url,
                 String user, String catalog, String schema) {
        this.productName = productName;
        this.productVersion = productVersion;
        this.majorVersion = majorVersion;
        this.minorVersion = minorVersion;
        this.url = JdbcUrls.describe(url);
        this.user = user;
        this.catalog = catalog;
        this.schema = schema;
    }

    /**
     * Connects once and reads the metadata.
     *
     * @param role {@code source} or {@code target}, for the error message
     * @param name the datasource as configured
     */
    public static DatabaseInfo probe(String role, String name, DataSource dataSource)
            throws DataSourceLookupException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            return new DatabaseInfo(md.getDatabaseProductName(), md.getDatabaseProductVersion(),
                    md.getDatabaseMajorVersion(), md.getDatabaseMinorVersion(), md.getURL(), md.getUserName(),
                    c.getCatalog(), c.getSchema());
        } catch (SQLException e) {
            throw new DataSourceLookupException("cannot connect to the " + role + " datasource '" + name + "': "
                    + SqlMessages.describe(e), e);
        }
    }

    /**
     * Whether both reach the same database: same product, URL (without parameters), user, catalog and schema.
     * Two URLs naming one server differently are not caught; the usual mistake, the same entry twice, is.
     */
    public boolean isSameDatabase(DatabaseInfo other) {
        return productName.equals(other.productName) && String.valueOf(url).equals(String.valueOf(other.url))
                && String.valueOf(user).equalsIgnoreCase(String.valueOf(other.user))
                && String.valueOf(catalog).equals(String.valueOf(other.catalog))
                && String.valueOf(schema).equals(String.valueOf(other.schema));
    }

    public String getProductName() {
        return productName;
    }

    public String getProductVersion() {
        return productVersion;
    }

    public int getMajorVersion() {
        return majorVersion;
    }

    public int getMinorVersion() {
        return minorVersion;
    }

    /** Scheme, host, port and database of the JDBC URL (see {@link JdbcUrls#describe(String)}). */
    public String getUrl() {
        return url;
    }

    public String getUser() {
        return user;
    }

    @Override
    public String toString() {
        return productName + " " + productVersion + " at " + url + " as " + user;
    }
}
