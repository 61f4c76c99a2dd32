/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A row's key and content reduced to text that reads the same from every database (drivers return the same
 * value as different Java types), and a 64-bit digest of the content.
 */
final class RowDigest {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS", Locale.ROOT);

    private RowDigest() {
    }

    /** The canonical text of one value. */
    static String canonical(Object v) {
        if (v == null) {
            return "\u0000";
        }
        if (v instanceof Number) {
            return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof LocalDateTime) {
            // Every digit to the nanosecond, in one fixed shape: a millisecond or an hour apart is a difference.
            return DATE_TIME.format((LocalDateTime) v);
        }
        if (v instanceof Timestamp) {
            return DATE_TIME.format(((Timestamp) v).toLocalDateTime());
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).toInstant().toString();
        }
        if (v instanceof byte[]) {
            // Binary columns (IDP.IMAGE, UM_TENANT.UM_USER_CONFIG): their bytes, not the array's identity.
            return Base64.getEncoder().encodeToString((byte[]) v);
        }
        if (v instanceof Blob) {
            try {
                Blob b = (Blob) v;
                return Base64.getEncoder().encodeToString(b.getBytes(1, (int) b.length()));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read a BLOB value: " + e.getMessage(), e);
            }
        }
        if (v instanceof Boolean) {
            return ((Boolean) v) ? "1" : "0";
        }
        return v.toString();
    }

    /**
     * The key columns as text for reports and maps: {@code v1, v2}. A value holding the separator is written
     * with its length ({@code 5:a, b}), so two different keys never read the same.
     */
    static String key(Object[] row, int[] keyColumns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyColumns.length; i++) {
            String v = canonical(row[keyColumns[i]]);
            sb.append(i == 0 ? "" : ", ");
            if (v.contains(",") || v.contains(":")) {
                sb.append(v.length()).append(':');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    /** The first 8 bytes of SHA-256 over the canonical values, each ended by a separator no value contains. */
    static long content(Object[] row, List<Integer> columns, MessageDigest sha) {
        sha.reset();
        for (int c : columns) {
            sha.update(canonical(row[c]).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x1f);
        }
        byte[] d = sha.digest();
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
