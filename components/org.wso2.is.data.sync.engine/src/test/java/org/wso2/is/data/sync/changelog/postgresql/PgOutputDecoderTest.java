/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.config.SyncTable;

/**
 * The pgoutput messages as the PostgreSQL manual lays them out ("Logical Replication Message Formats", protocol 1),
 * written byte by byte here: the keys each change gives, typed as JDBC reads them. The same decoder reads a real
 * server's stream in LogCaptureIT.
 */
class PgOutputDecoderTest {

    private final PgOutputDecoder decoder = new PgOutputDecoder(List.of(SyncTable.IDN_IDENTITY_USER_DATA));

    @Test
    void insertsUpdatesAndDeletesGiveTheirKeysAndAKeyChangeTheOldOne() throws IOException {
        List<LogChange> out = new ArrayList<>();
        assertEquals(PgOutputDecoder.Kind.OTHER, decoder.decode(relation(16384, "idn_identity_user_data",
                "tenant_id", "user_name", "data_key", "data_value"), out));
        assertEquals(PgOutputDecoder.Kind.BEGIN, decoder.decode(begin(), out));
        decoder.decode(change('I', 16384, 0, null, tuple("-1234", "bob", "k", "v")), out);
        // an update that keeps the key: no old tuple
        decoder.decode(change('U', 16384, 0, null, tuple("-1234", "bob", "k", "w")), out);
        // a key change: the old key ('K', other columns null) before the new row
        decoder.decode(change('U', 16384, 'K', tuple("-1234", "bob", "k", null), tuple("-1234", "Bob", "k", "w")),
                out);
        decoder.decode(change('D', 16384, 'K', tuple("-1234", "Bob", "k", null), null), out);
        assertEquals(PgOutputDecoder.Kind.COMMIT, decoder.decode(commit(0x16B3748L), out));
        assertEquals(0x16B3748L, decoder.commitEnd());
        assertEquals("[IDN_IDENTITY_USER_DATA:I[-1234, bob, k], IDN_IDENTITY_USER_DATA:U[-1234, bob, k], "
                + "IDN_IDENTITY_USER_DATA:U[-1234, Bob, k], IDN_IDENTITY_USER_DATA:D[-1234, bob, k], "
                + "IDN_IDENTITY_USER_DATA:D[-1234, Bob, k]]", out.toString());
        assertEquals(Integer.valueOf(-1234), out.get(0).getKey().get(0));
    }

    @Test
    void aTableThisSyncDoesNotSyncIsSkippedAndATruncateNamesItsTable() throws IOException {
        List<LogChange> out = new ArrayList<>();
        decoder.decode(relation(1, "idn_oauth2_authorization_code", "code_id"), out);
        decoder.decode(relation(2, "idn_identity_user_data", "tenant_id", "user_name", "data_key"), out);
        decoder.decode(change('I', 1, 0, null, tuple("c1")), out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeByte('T');
        d.writeInt(2);
        d.writeByte(0);
        d.writeInt(1);
        d.writeInt(2);
        decoder.decode(ByteBuffer.wrap(bytes.toByteArray()), out);
        assertEquals("[IDN_IDENTITY_USER_DATA:T[]]", out.toString());
    }

    private static ByteBuffer relation(int id, String name, String... columns) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeByte('R');
        d.writeInt(id);
        string(d, "public");
        string(d, name);
        d.writeByte('d');
        d.writeShort(columns.length);
        for (String c : columns) {
            d.writeByte(0);
            string(d, c);
            d.writeInt(25);
            d.writeInt(-1);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    private static ByteBuffer begin() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeByte('B');
        d.writeLong(1);
        d.writeLong(2);
        d.writeInt(3);
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    private static ByteBuffer commit(long end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeByte('C');
        d.writeByte(0);
        d.writeLong(end - 8);
        d.writeLong(end);
        d.writeLong(0);
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    /** Insert ('N' only), Update (optional old tuple, then 'N'), Delete (old tuple only). */
    private static ByteBuffer change(char type, int relation, int oldKind, byte[] old, byte[] neu)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeByte(type);
        d.writeInt(relation);
        if (old != null) {
            d.writeByte(oldKind);
            d.write(old);
        }
        if (neu != null) {
            d.writeByte('N');
            d.write(neu);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    private static byte[] tuple(String... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeShort(values.length);
        for (String v : values) {
            if (v == null) {
                d.writeByte('n');
            } else {
                byte[] text = v.getBytes(StandardCharsets.UTF_8);
                d.writeByte('t');
                d.writeInt(text.length);
                d.write(text);
            }
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream d, String s) throws IOException {
        d.write(s.getBytes(StandardCharsets.UTF_8));
        d.writeByte(0);
    }
}
