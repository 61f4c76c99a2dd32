/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect.postgresql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.postgresql.PGConnection;

/**
 * Rows into a PostgreSQL table through {@code COPY ... FROM STDIN} in text format, pgjdbc's bulk-load path. Only
 * this class names pgjdbc's types: where they cannot be loaded (a bundle whose optional import of pgjdbc is not
 * wired) the caller catches the {@link LinkageError} and inserts as before.
 */
final class PostgreSqlCopy {

    private static final Logger LOG = LogManager.getLogger(PostgreSqlCopy.class);
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final AtomicBoolean TOLD_NO_UNWRAP = new AtomicBoolean();
    private static final int[] POWERS = {1, 10, 100, 1000, 10_000, 100_000};

    private PostgreSqlCopy() {
    }

    /**
     * Copies {@code rows} into {@code columns} of {@code table}; false, having written nothing, where a value has
     * no exact COPY text here or the connection does not lead to pgjdbc's.
     */
    static boolean insert(Connection c, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        byte[] data = encode(rows);
        if (data == null) {
            return false;
        }
        PGConnection pg = unwrap(c);
        if (pg == null) {
            return false;
        }
        copy(pg, table, columns, data);
        return true;
    }

    /**
     * pgjdbc's connection behind {@code c}, through any pool proxy that unwraps (HikariCP, tomcat-jdbc, the
     * tool's own timeout wrapper), or null where there is none. Any other SQLException (a broken connection) is
     * the batch's failure, not a reason to insert otherwise.
     */
    static PGConnection unwrap(Connection c) throws SQLException {
        try {
            if (c.isWrapperFor(PGConnection.class)) {
                return c.unwrap(PGConnection.class);
            }
        } catch (SQLFeatureNotSupportedException | RuntimeException e) {
            tellNoUnwrap(c, e.toString());
            return null;
        }
        tellNoUnwrap(c, "not a wrapper for org.postgresql.PGConnection");
        return null;
    }

    private static void tellNoUnwrap(Connection c, String why) {
        if (TOLD_NO_UNWRAP.compareAndSet(false, true)) {
            LOG.warn("The target's connections ({}) do not lead to pgjdbc's connection ({}): rows go in by INSERT, "
                    + "slower than COPY. A pool whose connections unwrap (HikariCP, tomcat-jdbc) restores COPY",
                    c.getClass().getName(), why);
        }
    }

    /**
     * The rows as COPY text, or null when a value has a type whose text form is not known to read back exactly
     * (the caller then binds it as a parameter, as the driver would).
     */
    static byte[] encode(List<Object[]> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 512);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                if (!append(out, row[i])) {
                    return null;
                }
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Copies {@code data} (from {@link #encode}) into {@code columns} of {@code table}; returns rows copied. */
    static long copy(PGConnection pg, String table, List<String> columns, byte[] data) throws SQLException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        try {
            return pg.getCopyAPI().copyIn(sql, new ByteArrayInputStream(data), Math.min(data.length, 1 << 16) + 1);
        } catch (IOException e) {
            // Reading a byte array does not fail; this is the driver's wrapper of a broken connection.
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), "08006", e);
        }
    }

    private static boolean append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String) {
            text(out, (String) value);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).intValue());
        } else if (value instanceof Long) {
            out.append(((Long) value).longValue());
        } else if (value instanceof BigInteger) {
            out.append(value.toString());
        } else if (value instanceof BigDecimal) {
            // Never an exponent: "1E+3" is not an integer's text.
            out.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof Boolean) {
            out.append((Boolean) value ? 't' : 'f');
        } else if (value instanceof LocalDateTime) {
            return timestamp(out, (LocalDateTime) value);
        } else if (value instanceof byte[]) {
            // bytea's hex form, its backslash escaped for COPY's text format.
            out.append("\\\\x");
            for (byte b : (byte[]) value) {
                out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        } else {
            return false;
        }
        return true;
    }

    /** COPY text: backslash, tab, newline and carriage return escaped; everything else as it is. */
    private static void text(StringBuilder out, String s) {
        int first = 0;
        while (first < s.length() && !special(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            // Most values have nothing to escape: copied whole.
            out.append(s);
            return;
        }
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\':
                    out.append("\\\\");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                default:
                    out.append(ch);
            }
        }
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    /**
     * {@code 2026-01-02 03:04:05.123456}: rounded half up to the microsecond, as pgjdbc sends a bound
     * {@code LocalDateTime}. Years outside 1-9999 (which pgjdbc writes with an era or as infinity) are left to it.
     */
    private static boolean timestamp(StringBuilder out, LocalDateTime value) {
        LocalDateTime v = value.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        if (v.getYear() < 1 || v.getYear() > 9999) {
            return false;
        }
        pad(out, v.getYear(), 4).append('-');
        pad(out, v.getMonthValue(), 2).append('-');
        pad(out, v.getDayOfMonth(), 2).append(' ');
        pad(out, v.getHour(), 2).append(':');
        pad(out, v.getMinute(), 2).append(':');
        pad(out, v.getSecond(), 2);
        int micros = v.getNano() / 1000;
        if (micros != 0) {
            out.append('.');
            pad(out, micros, 6);
        }
        return true;
    }

    /** {@code value} (below 10 to the {@code digits}) in exactly {@code digits} digits. */
    private static StringBuilder pad(StringBuilder out, int value, int digits) {
        for (int unit = POWERS[digits - 1]; unit > 0; unit /= 10) {
            out.append((char) ('0' + value / unit % 10));
        }
        return out;
    }
}
