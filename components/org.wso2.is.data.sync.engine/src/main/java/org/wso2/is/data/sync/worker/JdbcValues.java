/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

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
                // Oracle's DATE holds a time of day too: both are read as date and time.
                return dateTime(rs, column);
            case Types.CLOB:
            case Types.NCLOB:
                return rs.getString(column);
            default:
                return rs.getObject(column);
        }
    }

    /**
     * A date and time exactly as the database holds it, fractional seconds included. {@code getTimestamp()} would
     * pass it through the JVM's time zone: a value inside that zone's daylight-saving gap (02:30 on a spring-forward
     * night) does not exist there and comes back an hour later. Drivers without JDBC 4.2's {@code LocalDateTime}
     * read it in UTC instead, which has no gaps, and give the same wall-clock value.
     */
    static LocalDateTime dateTime(ResultSet rs, int column) throws SQLException {
        try {
            return rs.getObject(column, LocalDateTime.class);
        } catch (SQLException | AbstractMethodError unsupported) {
            Timestamp t = rs.getTimestamp(column, utc());
            return t == null ? null
                    : LocalDateTime.ofEpochSecond(Math.floorDiv(t.getTime(), 1000), t.getNanos(), ZoneOffset.UTC);
        }
    }

    /**
     * Binds a value read by {@link #read}. A date and time goes in as {@code LocalDateTime}, with no time zone to
     * shift it; a driver without JDBC 4.2's {@code LocalDateTime} gets it as a UTC timestamp with a UTC calendar.
     */
    public static void bind(PreparedStatement ps, int parameter, Object value) throws SQLException {
        // The common types by their own setters: MariaDB Connector/J's setObject tries its codecs one by one,
        // which took two fifths of the sync's CPU in a drain (docs/benchmarks.md, round 4).
        if (value instanceof String) {
            ps.setString(parameter, (String) value);
            return;
        }
        if (value instanceof Long) {
            ps.setLong(parameter, (Long) value);
            return;
        }
        if (value instanceof Integer) {
            ps.setInt(parameter, (Integer) value);
            return;
        }
        if (!(value instanceof LocalDateTime)) {
            ps.setObject(parameter, value);
            return;
        }
        LocalDateTime v = (LocalDateTime) value;
        try {
            ps.setObject(parameter, v);
        } catch (SQLException | AbstractMethodError unsupported) {
            Timestamp t = new Timestamp(v.toEpochSecond(ZoneOffset.UTC) * 1000);
            t.setNanos(v.getNano());
            ps.setTimestamp(parameter, t, utc());
        }
    }

    /** A new calendar each time: drivers may change the one they are given. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
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
