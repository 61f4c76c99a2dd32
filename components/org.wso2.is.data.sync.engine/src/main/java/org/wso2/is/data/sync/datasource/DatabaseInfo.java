/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.wso2.is.data.sync.dialect.DatabaseIdentity;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.dialect.UnsupportedDatabaseException;
import org.wso2.is.data.sync.safetext.SqlMessages;

/** What a datasource connects to, read from its JDBC metadata; safe to log (no credentials). */
public final class DatabaseInfo {

    private final String productName;
    private final String productVersion;
    private final int majorVersion;
    private final int minorVersion;
    private final String url;
    private final String user;
    private final Dialect dialect;
    private final DatabaseIdentity identity;

    DatabaseInfo(String productName, String productVersion, int majorVersion, int minorVersion, String url,
                 String user, Dialect dialect, DatabaseIdentity identity) {
        this.productName = productName;
        this.productVersion = productVersion;
        this.majorVersion = majorVersion;
        this.minorVersion = minorVersion;
        this.url = JdbcUrls.describe(url);
        this.user = user;
        this.dialect = dialect;
        this.identity = identity;
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
            Dialect dialect = dialectOf(md.getDatabaseProductName());
            DatabaseIdentity identity = null;
            if (dialect != null) {
                try {
                    identity = dialect.identity(c);
                } catch (SQLException e) {
                    throw new DataSourceLookupException("cannot read the identity of the " + role + " database '"
                            + name + "' (needed to tell it from the other side): " + e.getMessage() + " (SQLState "
                            + e.getSQLState() + ")", e);
                }
            }
            return new DatabaseInfo(md.getDatabaseProductName(), md.getDatabaseProductVersion(),
                    md.getDatabaseMajorVersion(), md.getDatabaseMinorVersion(), md.getURL(), md.getUserName(),
                    dialect, identity);
        } catch (SQLException e) {
            throw new DataSourceLookupException("cannot connect to the " + role + " datasource '" + name + "': "
                    + SqlMessages.describe(e), e);
        }
    }

    /** Null for a database no dialect serves: every job refuses it when it looks its dialect up. */
    private static Dialect dialectOf(String productName) {
        try {
            return Dialects.forProduct(productName);
        } catch (UnsupportedDatabaseException e) {
            return null;
        }
    }

    /** The dialect serving this database, or null when none does. */
    public Dialect getDialect() {
        return dialect;
    }

    /** Which server, database and schema this is, read from the database; null when no dialect serves it. */
    public DatabaseIdentity getIdentity() {
        return identity;
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
        return productName + " " + productVersion + " at " + url + " as " + user
                + (identity == null ? "" : " (" + identity + ")");
    }
}
