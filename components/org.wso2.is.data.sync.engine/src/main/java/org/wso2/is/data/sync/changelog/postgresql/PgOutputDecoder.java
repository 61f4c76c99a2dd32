/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.postgresql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wso2.is.data.sync.changelog.LogChange;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;

/**
 * Decodes the messages of PostgreSQL's {@code pgoutput} plugin, protocol version 1 (the PostgreSQL manual, "Logical
 * Replication Message Formats"), into the keys of the synced tables' changes. Only what a key needs is read: a
 * Relation message maps its id to the table and the positions of the key columns; Insert, Update and Delete give
 * the key in the text form of each column; Truncate names the tables emptied. Begin and Commit delimit transactions;
 * the caller keeps the restart position. Not thread-safe: one per replication stream.
 */
final class PgOutputDecoder {

    /** What one message was. */
    enum Kind { BEGIN, COMMIT, CHANGE, OTHER }

    private final Map<SyncTable, List<KeyColumn>> keys = new EnumMap<>(SyncTable.class);
    /** Relation id to the synced table and the positions of its key columns in the relation's tuples. */
    private final Map<Integer, Relation> relations = new HashMap<>();
    private long commitEnd;
    private long xid;

    PgOutputDecoder(List<SyncTable> tables) {
        for (SyncTable t : tables) {
            keys.put(t, TableDefinitions.primaryKey(t));
        }
    }

    /** The transaction id (32 bits, unsigned) of the transaction whose Begin was decoded last. */
    long xid() {
        return xid;
    }

    /** The end LSN of the transaction whose Commit was decoded last. */
    long commitEnd() {
        return commitEnd;
    }

    /**
     * Decodes {@code message} (the body of one XLogData) and adds the changes it holds to {@code out}.
     *
     * @throws IllegalStateException on a message this decoder cannot read (a protocol it was not asked for)
     */
    Kind decode(ByteBuffer message, List<LogChange> out) {
        byte type = message.get();
        switch (type) {
            case 'B':
                message.getLong(); // the final LSN of the transaction
                message.getLong(); // its commit time
                xid = message.getInt() & 0xFFFFFFFFL;
                return Kind.BEGIN;
            case 'C':
                message.get(); // flags
                message.getLong(); // the commit's LSN
                commitEnd = message.getLong();
                return Kind.COMMIT;
            case 'R':
                relation(message);
                return Kind.OTHER;
            case 'I':
                insert(message, out);
                return Kind.CHANGE;
            case 'U':
                update(message, out);
                return Kind.CHANGE;
            case 'D':
                delete(message, out);
                return Kind.CHANGE;
            case 'T':
                truncate(message, out);
                return Kind.CHANGE;
            default:
                // Origin ('O'), Type ('Y') and Message ('M') carry nothing a key needs.
                return Kind.OTHER;
        }
    }

    private void relation(ByteBuffer m) {
        int id = m.getInt();
        string(m); // namespace
        String name = string(m).toUpperCase(Locale.ROOT);
        m.get(); // replica identity setting
        int count = m.getShort();
        List<String> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            m.get(); // flags
            columns.add(string(m).toUpperCase(Locale.ROOT));
            m.getInt(); // type oid
            m.getInt(); // type modifier
        }
        SyncTable table = SyncTable.fromName(name);
        if (table == null || !keys.containsKey(table)) {
            // A table of the publication that this sync does not sync (syncTables was narrowed since prepare).
            relations.put(id, new Relation(null, null));
            return;
        }
        List<KeyColumn> key = keys.get(table);
        int[] positions = new int[key.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = columns.indexOf(key.get(k).getName());
            if (positions[k] < 0) {
                throw new IllegalStateException("the log's relation " + name + " has no key column "
                        + key.get(k).getName());
            }
        }
        relations.put(id, new Relation(table, positions));
    }

    private void insert(ByteBuffer m, List<LogChange> out) {
        Relation r = relation(m.getInt());
        m.get(); // 'N'
        Object[] key = key(r, tuple(m), "an insert");
        if (r.table != null) {
            out.add(new LogChange(r.table.name(), 'I', key));
        }
    }

    private void update(ByteBuffer m, List<LogChange> out) {
        Relation r = relation(m.getInt());
        byte part = m.get();
        Object[] old = null;
        if (part == 'K' || part == 'O') {
            // The old key (REPLICA IDENTITY DEFAULT sends it only when the key changed; FULL sends the old row).
            old = key(r, tuple(m), "an update's old row");
            part = m.get();
        }
        if (part != 'N') {
            throw new IllegalStateException("an update without its new row (part '" + (char) part + "')");
        }
        Object[] key = key(r, tuple(m), "an update");
        if (r.table == null) {
            return;
        }
        out.add(new LogChange(r.table.name(), 'U', key));
        if (old != null && !Arrays.equals(old, key)) {
            out.add(new LogChange(r.table.name(), 'D', old));
        }
    }

    private void delete(ByteBuffer m, List<LogChange> out) {
        Relation r = relation(m.getInt());
        byte part = m.get();
        if (part != 'K' && part != 'O') {
            // REPLICA IDENTITY NOTHING: the delete names no row; prepare and sync refuse such a table.
            throw new IllegalStateException("a delete without the old key (part '" + (char) part + "'): the table's "
                    + "replica identity must be DEFAULT or FULL");
        }
        Object[] key = key(r, tuple(m), "a delete");
        if (r.table != null) {
            out.add(new LogChange(r.table.name(), 'D', key));
        }
    }

    /** A truncated table: every key of it the target holds is dirty ({@code T}, no key). */
    private void truncate(ByteBuffer m, List<LogChange> out) {
        int count = m.getInt();
        m.get(); // options (CASCADE, RESTART IDENTITY)
        for (int i = 0; i < count; i++) {
            Relation r = relation(m.getInt());
            if (r.table != null) {
                out.add(new LogChange(r.table.name(), 'T'));
            }
        }
    }

    private Relation relation(int id) {
        Relation r = relations.get(id);
        if (r == null) {
            // pgoutput sends a Relation before the first change of each relation on every stream.
            throw new IllegalStateException("a change of relation " + id + " before its Relation message");
        }
        return r;
    }

    /** The key values of a tuple: Integer for integer key columns (as JDBC reads them), the text otherwise. */
    private Object[] key(Relation r, List<String> tuple, String what) {
        if (r.table == null) {
            return new Object[0];
        }
        List<KeyColumn> key = keys.get(r.table);
        Object[] values = new Object[key.size()];
        for (int k = 0; k < values.length; k++) {
            String text = tuple.get(r.positions[k]);
            if (text == null) {
                throw new IllegalStateException(what + " of " + r.table + " without its key column "
                        + key.get(k).getName());
            }
            values[k] = key.get(k).getKind() == KeyColumn.Kind.INTEGER ? (Object) Integer.valueOf(text) : text;
        }
        return values;
    }

    /** A TupleData: each column's text, null for a NULL or an unchanged TOASTed value (never a key of IS). */
    private static List<String> tuple(ByteBuffer m) {
        int count = m.getShort();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte kind = m.get();
            if (kind == 't' || kind == 'b') {
                byte[] bytes = new byte[m.getInt()];
                m.get(bytes);
                values.add(kind == 't' ? new String(bytes, StandardCharsets.UTF_8) : null);
            } else {
                values.add(null);
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** A NUL-terminated string, as UTF-8 (the replication connection's client encoding). */
    private static String string(ByteBuffer m) {
        int start = m.position();
        int end = start;
        while (m.get(end) != 0) {
            end++;
        }
        String s = new String(m.array(), m.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        m.position(end + 1);
        return s;
    }

    private static final class Relation {
        final SyncTable table;
        final int[] positions;

        Relation(SyncTable table, int[] positions) {
            this.table = table;
            this.positions = positions;
        }
    }
}
