/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.transform.Rows;

/**
 * The target side of a table group's batches: brings a batch's keys on the target to their source state in one
 * transaction, fenced by the owner row, in foreign-key order. A unique value held by a stale target row is healed
 * from the source in the same transaction; two rows of the batch trading values fall back to delete and insert.
 */
final class BatchWriter {

    private static final Logger LOG = LogManager.getLogger(BatchWriter.class);
    /** Rows brought to their source state to free unique slots may in turn hold slots; a few rounds suffice. */
    private static final int SLOT_ROUNDS = 5;

    private final TableGroup group;
    private final DataSource target;
    private final Dialect dialect;
    private final PairOwner owner;
    private final BatchReader reader;
    private final TargetWriter writer;
    private final UniqueSlots slots;
    private final NewKeys newKeys;

    /** @param excludedApps consumer keys of test applications whose target rows are never touched */
    BatchWriter(TableGroup group, DataSource target, Dialect dialect, PairOwner owner, BatchReader reader,
                List<String> excludedApps) {
        this.group = group;
        this.target = target;
        this.dialect = dialect;
        this.owner = owner;
        this.reader = reader;
        this.writer = new TargetWriter(dialect);
        this.slots = new UniqueSlots(dialect, group.getParent().name(), excludedApps);
        this.newKeys = new NewKeys(dialect, group);
    }

    /**
     * Brings the batch's keys on the target to their source state, in one committed transaction. When the target
     * refuses a unique value, the rows holding it are found: target rows whose own changes are not in the batch
     * join it, first, and every key is read again from the source, so the holders give up the slot in the same
     * transaction. Only when no other row holds it (two rows of the batch traded values) is the batch replaced.
     * The first attempt takes the keys whose only entries are inserts as absent ({@link NewKeys}); a unique
     * violation then first repeats the batch with every key looked up, and only a violation there is healed.
     */
    void write(Batch batch) throws SQLException, BatchFailure {
        try (Connection tgt = target.getConnection()) {
            tgt.setAutoCommit(false);
            tgt.rollback();
            DirtyKeys keys = batch.keys;
            Changes changes = batch.changes;
            Set<List<Object>> absent = newKeys.of(tgt, slots, batch.entries.parents, changes.parents);
            int round = 0;
            while (true) {
                SQLException clash;
                try {
                    dialect.beginBatch(tgt);
                    apply(tgt, keys, changes, absent);
                    owner.fence(tgt);
                    tgt.commit();
                    return;
                } catch (SQLException e) {
                    Connections.rollback(tgt);
                    if (!SqlFailures.isUniqueViolation(e)) {
                        throw e;
                    }
                    clash = e;
                } catch (RuntimeException | Error e) {
                    Connections.rollback(tgt);
                    throw e;
                }
                if (!absent.isEmpty()) {
                    // Perhaps a key taken as new is there after all (a batch applied again): look every key up.
                    LOG.debug("{}: {}; writing the batch again with every key looked up", group,
                            SqlFailures.describe(clash));
                    absent = Collections.emptySet();
                    continue;
                }
                List<List<Object>> holders = round++ < SLOT_ROUNDS
                        ? slots.holders(tgt, group.parentKey(), changes.parents, keys.parents)
                        : Collections.<List<Object>>emptyList();
                tgt.rollback();
                if (holders.isEmpty()) {
                    replace(tgt, keys, changes, clash);
                    return;
                }
                LOG.info("{}: {}; {} target rows hold a unique value the batch writes, and their own changes are not "
                        + "in it: bringing them to their source state first", group, SqlFailures.describe(clash),
                        holders.size());
                keys = keys.withParentsFirst(holders);
                try {
                    changes = reader.current(keys);
                } catch (SQLException e) {
                    // The source read of the heal: reported as the source's failure, not the target's.
                    throw BatchFailure.of(BatchFailure.Side.SOURCE, e);
                }
            }
        }
    }

    /**
     * Brings the keys on the target to their source state, in foreign-key order: the children (scopes) of every
     * dirty key out, parent rows gone from the source deleted, the others updated in place or inserted, then the
     * children back in. With {@code replace}, every dirty parent row is deleted and inserted instead. The caller
     * owns the transaction.
     */
    void apply(Connection tgt, DirtyKeys keys, Changes changes, boolean replace) throws SQLException {
        if (replace) {
            String parent = group.getParent().name();
            List<String> parentKey = group.parentKey();
            if (group.getChild() != null) {
                writer.delete(tgt, group.getChild().name(), group.childKey(), parentKey, keys.all());
            }
            writer.delete(tgt, parent, parentKey, parentKey, keys.parents);
            writer.insert(tgt, parent, changes.parents);
            if (group.getChild() != null) {
                writer.insert(tgt, group.getChild().name(), childrenWithParent(tgt, keys, changes));
            }
        } else {
            apply(tgt, keys, changes, Collections.<List<Object>>emptySet());
        }
    }

    /**
     * As {@link #apply(Connection, DirtyKeys, Changes, boolean)} without replacing, with the keys of {@code absent}
     * (comparable values, see {@link NewKeys}) taken as missing from the target: no lookup, and where the target's
     * foreign key forbids children without their parent, no delete of their children.
     */
    private void apply(Connection tgt, DirtyKeys keys, Changes changes, Set<List<Object>> absent)
            throws SQLException {
        String parent = group.getParent().name();
        List<String> parentKey = group.parentKey();
        if (group.getChild() != null) {
            List<List<Object>> withChildren = keys.all();
            if (!absent.isEmpty() && newKeys.childrenFollowParent(tgt)) {
                withChildren = new ArrayList<>();
                for (List<Object> k : keys.all()) {
                    if (!absent.contains(KeyPredicate.comparable(k))) {
                        withChildren.add(k);
                    }
                }
            }
            writer.delete(tgt, group.getChild().name(), group.childKey(), parentKey, withChildren);
        }
        writer.delete(tgt, parent, parentKey, parentKey, gone(keys.parents, changes.parents));
        writer.upsert(tgt, parent, parentKey, changes.parents, absent);
        if (group.getChild() != null) {
            writer.insert(tgt, group.getChild().name(), childrenWithParent(tgt, keys, changes));
        }
    }

    /**
     * Two rows of a batch traded a unique value in an order the updates could not follow: replace the batch's
     * rows instead. On the target, rows of other tables that reference them by a cascading foreign key go
     * with them, which is why this is only the fallback.
     */
    private void replace(Connection tgt, DirtyKeys keys, Changes changes, SQLException clash) throws SQLException {
        LOG.info("{}: {}; replacing the batch's {} rows by delete and insert", group, SqlFailures.describe(clash),
                keys.parents.size());
        try {
            apply(tgt, keys, changes, true);
            owner.fence(tgt);
            tgt.commit();
        } catch (SQLException | RuntimeException | Error e) {
            Connections.rollback(tgt);
            throw e;
        }
    }

    /** The fetched children whose parent is now on the target: just written, or already there. */
    private Rows childrenWithParent(Connection tgt, DirtyKeys keys, Changes changes) throws SQLException {
        Set<List<Object>> parents = new HashSet<>();
        int[] parentKey = group.keyIndexes(changes.parents);
        for (Object[] row : changes.parents.getValues()) {
            parents.add(KeyPredicate.comparable(row, parentKey));
        }
        parents.addAll(writer.existing(tgt, group.getParent().name(), group.parentKey(), keys.childOnly));
        int[] childKey = group.keyIndexes(changes.children);
        Rows kept = new Rows(changes.children.getColumns(), changes.children.sqlTypes());
        for (Object[] row : changes.children.getValues()) {
            if (parents.contains(KeyPredicate.comparable(row, childKey))) {
                kept.add(row);
            }
        }
        return kept;
    }

    /** The dirty keys that have no row on the source any more. */
    private List<List<Object>> gone(List<List<Object>> keys, Rows present) {
        int[] key = group.keyIndexes(present);
        Set<List<Object>> there = new HashSet<>();
        for (Object[] row : present.getValues()) {
            there.add(KeyPredicate.comparable(row, key));
        }
        List<List<Object>> gone = new ArrayList<>();
        for (List<Object> k : keys) {
            if (!there.contains(KeyPredicate.comparable(k))) {
                gone.add(k);
            }
        }
        return gone;
    }
}
