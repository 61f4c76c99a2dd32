/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Reading values so that any other database's driver can write them, and streaming large results. */
public final class JdbcValues {

    private JdbcValues() {
    }

    /**
     * A column value in a standard Java type: drivers return vendor types from {@code getObject} (Oracle's
     * {@code oracle.sql.TIMESTAMP}) that other drivers cannot bind and that compare unlike the same value read
     * elsewhere.
     */
    public static Object read(ResultSet rs, int column, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.TIMESTAMP:
            case Types.DATE:
                return rs.getTimestamp(column);
            case Types.CLOB:
            case Types.NCLOB:
                return rs.getString(column);
            default:
                return rs.getObject(column);
        }
    }

    /**
     * The fetch size that makes {@code c}'s driver stream a large result: MySQL Connector/J streams only with
     * {@link Integer#MIN_VALUE} and otherwise loads the whole result; the others stream with a positive size.
     */
    public static int streamingFetchSize(Connection c, int rows) throws SQLException {
        String driver = c.getMetaData().getDriverName();
        return driver != null && driver.startsWith("MySQL Connector") ? Integer.MIN_VALUE : rows;
    }
}
