/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.dialect.db2.Db2Dialect;
import org.wso2.is.data.sync.dialect.h2.H2Dialect;
import org.wso2.is.data.sync.dialect.mysql.MySqlDialect;
import org.wso2.is.data.sync.dialect.oracle.OracleDialect;
import org.wso2.is.data.sync.dialect.postgresql.PostgreSqlDialect;
import org.wso2.is.data.sync.dialect.sqlserver.SqlServerDialect;

/** Finds the dialect of a database from its JDBC metadata; each side of a sync is detected on its own. */
public final class Dialects {

    private static final List<Dialect> ALL = Collections.unmodifiableList(Arrays.asList(new H2Dialect(),
            new MySqlDialect(), new PostgreSqlDialect(), new OracleDialect(), new SqlServerDialect(),
            new Db2Dialect()));

    private Dialects() {
    }

    public static List<Dialect> all() {
        return ALL;
    }

    /** @throws UnsupportedDatabaseException naming the product and the supported ones */
    public static Dialect forProduct(String productName) throws UnsupportedDatabaseException {
        for (Dialect d : ALL) {
            if (d.handles(productName)) {
                return d;
            }
        }
        List<String> names = new ArrayList<>();
        for (Dialect d : ALL) {
            names.add(d.getName());
        }
        throw new UnsupportedDatabaseException("unsupported database '" + productName + "'; supported: "
                + String.join(", ", names));
    }

    public static Dialect forConnection(Connection connection) throws SQLException, UnsupportedDatabaseException {
        return forProduct(connection.getMetaData().getDatabaseProductName());
    }
}
