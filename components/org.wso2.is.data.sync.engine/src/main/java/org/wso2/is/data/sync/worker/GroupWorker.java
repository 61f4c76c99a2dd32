/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.capture.CaptureNames;
import org.wso2.is.data.sync.capture.Journal;
import org.wso2.is.data.sync.capture.JournalEntry;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.FencedException;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;
import org.wso2.is.data.sync.transform.Transformers;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

/**
 * Syncs one table group. Each batch: read the oldest committed journal entries, read the current source rows
 * of their keys, transform them, bring those keys on the target to that state in one transaction, commit, and
 * only then delete the entries from the journal. A failure at any point leaves the entries in the journal, and
 * applying them again gives the same target. Failures are retried with backoff, forever: the group waits, never
 * skips, and the other groups go on.
 *
 * <p>Source and target work overlap: while batch n is written to the target, a reader thread deletes the entries
 * of batch n-1 (committed on the target) and reads batch n+1, leaving out the entries of batch n. So at most two
 * batches are held, and a batch costs the slower side's time, not both sides' (docs/design/sync.md).
 */
final class GroupWorker {

    private static final Logger LOG = LogManager.getLogger(GroupWorker.class);
    /** IS issues a token with one to four scopes. */
    private static final int CHILD_ENTRIES_PER_PARENT = 4;
    /** Rows brought to their source state to free unique slots may in turn hold slots; a few rounds suffice. */
    private static final int SLOT_ROUNDS = 5;

    private final TableGroup group;
    private final DataSource source;
    private final DataSource target;
    private final TargetWriter writer;
    private final Dialect sourceDialect;
    private final Dialect targetDialect;
    private final Journal parentJournal;
    private final Journal childJournal;
    private final RowTransformer parentTransform;
    private final RowTransformer childTransform;
    private final SyncConfiguration config;
    private final StopSignal stop;
    private final SyncProgress progress;
    private final FailureReport failures;
    private final UniqueSlots slots;
    private final PairOwner owner;
    /** The next batch, being read by the reader thread; null when none is. */
    private CompletableFuture<Batch> next;
    /** Entries of the last batch written: committed on the target, not yet deleted from the journal. */
    private Entries written = Entries.NONE;

    GroupWorker(TableGroup group, SyncConfiguration config, DataSource source, Dialect sourceDialect,
                DataSource target, Dialect targetDialect, StopSignal stop, SyncProgress progress,
                String targetName, PairOwner owner) {
        this.group = group;
        this.owner = owner;
        this.config = config;
        this.source = source;
        this.target = target;
        this.stop = stop;
        this.progress = progress;
        this.writer = new TargetWriter(targetDialect);
        this.sourceDialect = sourceDialect;
        this.targetDialect = targetDialect;
        this.parentJournal = new Journal(sourceDialect, CaptureNames.of(group.getParent()));
        this.childJournal = group.getChild() == null ? null
                : new Journal(sourceDialect, CaptureNames.of(group.getChild()));
        this.parentTransform = Transformers.chain(group.getParent(), config.getSourceVersion(),
                config.getTargetVersion());
        this.childTransform = group.getChild() == null ? null
                : Transformers.chain(group.getChild(), config.getSourceVersion(), config.getTargetVersion());
        this.failures = new FailureReport(group, targetName, targetDialect.getName());
        this.slots = new UniqueSlots(targetDialect, group.getParent().name(), config.getExcludedApps());
    }

    /**
     * Runs batches until stopped, or, with {@code untilDrained}, until a read finds nothing pending.
     *
     * @throws JobStoppedException when stopped
     */
    void run(boolean untilDrained) throws JobStoppedException {
        RetryPolicy<Integer> retry = RetryPolicy.<Integer>builder()
                // Taken over by another sync: every retry would be fenced out too, so the job ends.
                .handleIf(e -> !(e instanceof JobStoppedException) && !(e instanceof FencedException))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(Math.max(1000, config.getSyncIntervalMillis())))
                .withMaxRetries(-1)
                .onFailedAttempt(e -> failures.failed(e.getLastException(), e.getAttemptCount(), this))
                .build();
        String name = Thread.currentThread().getName() + "-reader";
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        try {
            while (true) {
                stop.check();
                int applied;
                try {
                    applied = Failsafe.with(retry).get(() -> step(reader));
                } catch (FailsafeException e) {
                    // Only a stop gets out of the retry policy: a JobStoppedException, or an interrupted backoff.
                    throw new JobStoppedException();
                }
                failures.succeeded();
                if (applied == 0) {
                    if (untilDrained) {
                        return;
                    }
                    stop.sleep(config.getSyncIntervalMillis());
                }
            }
        } finally {
            discardNext();
            reader.shutdownNow();
            awaitReader(reader);
        }
    }

    /**
     * IS writes several scopes per token, so the scope journal fills faster than the token journal: read it
     * deeper, or it falls behind and every batch re-copies the same tokens' scopes.
     */
    private int childBatchSize() {
        return config.getBatchSize() * CHILD_ENTRIES_PER_PARENT;
    }

    /**
     * Writes one batch to the target and has {@code reader} delete the previous one's entries and read the next;
     * returns the number of journal entries written (0: nothing pending, and nothing left to delete).
     */
    int step(Executor reader) throws SQLException, JobStoppedException {
        stop.check();
        try {
            Batch batch;
            if (next != null) {
                // Read while the last batch was being written: the last batch's entries are still in the journal.
                batch = await(next);
                next = null;
            } else {
                batch = read(written, Entries.NONE);
                written = Entries.NONE;
            }
            if (batch.isEmpty() && !written.isEmpty()) {
                batch = read(written, Entries.NONE);
                written = Entries.NONE;
            }
            if (batch.isEmpty()) {
                return 0;
            }
            Entries previous = written;
            Entries inFlight = batch.entries;
            written = Entries.NONE;
            next = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(previous, inFlight);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, reader);
            write(batch);
            written = batch.entries;
            progress.applied(group.getParent(), batch.entries.parents.size());
            if (group.getChild() != null) {
                progress.applied(group.getChild(), batch.entries.children.size());
            }
            return batch.size();
        } catch (Throwable e) {
            // Anything, an Error too: the entries of the batch stay in the journal and are read again, and the read
            // ahead (which left them out) is dropped, so the retry starts afresh from the oldest entry, in order.
            discardNext();
            written = Entries.NONE;
            throw e;
        }
    }

    /**
     * On one source transaction each: deletes {@code consumed} from the journals (their batch is committed on the
     * target), then reads the oldest committed entries other than {@code inFlight} (the batch being written) and
     * the current source rows of their keys, transformed for the target.
     */
    private Batch read(Entries consumed, Entries inFlight) throws SQLException {
        try (Connection src = source.getConnection()) {
            src.setAutoCommit(false);
            // A pool may hand back a connection still inside an earlier transaction (Carbon's does not end them on
            // return): on REPEATABLE READ its old snapshot would show consumed entries and stale rows.
            src.rollback();
            try {
                if (!consumed.isEmpty()) {
                    parentJournal.consume(src, consumed.parents);
                    if (childJournal != null) {
                        childJournal.consume(src, consumed.children);
                    }
                    src.commit();
                }
                sourceDialect.beginBatch(src);
                List<JournalEntry> parents = parentJournal.readOldest(src, config.getBatchSize(), inFlight.parents);
                List<JournalEntry> children = childJournal == null ? Collections.<JournalEntry>emptyList()
                        : childEntriesOf(parents, childJournal.readOldest(src, childBatchSize(), inFlight.children));
                if (parents.isEmpty() && children.isEmpty()) {
                    src.commit();
                    return Batch.EMPTY;
                }
                DirtyKeys keys = dirtyKeys(parents, children);
                Changes changes = read(src, keys);
                src.commit();
                return new Batch(new Entries(parents, children), keys, changes);
            } catch (SQLException | RuntimeException | Error e) {
                rollback(src);
                throw e;
            }
        }
    }

    /**
     * Brings the batch's keys on the target to their source state, in one committed transaction. When the target
     * refuses a unique value, the rows holding it are found: target rows whose own changes are not in the batch
     * join it, first, and every key is read again from the source, so the holders give up the slot in the same
     * transaction. Only when no other row holds it (two rows of the batch traded values) is the batch replaced.
     */
    private void write(Batch batch) throws SQLException {
        try (Connection tgt = target.getConnection()) {
            tgt.setAutoCommit(false);
            tgt.rollback();
            DirtyKeys keys = batch.keys;
            Changes changes = batch.changes;
            for (int round = 0; ; round++) {
                SQLException clash;
                try {
                    targetDialect.beginBatch(tgt);
                    apply(tgt, keys, changes, false);
                    owner.fence(tgt);
                    tgt.commit();
                    return;
                } catch (SQLException e) {
                    rollback(tgt);
                    if (!SqlFailures.isUniqueViolation(e)) {
                        throw e;
                    }
                    clash = e;
                } catch (RuntimeException | Error e) {
                    rollback(tgt);
                    throw e;
                }
                List<List<Object>> holders = round < SLOT_ROUNDS
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
                changes = readAgain(keys);
            }
        }
    }

    /** The current source state of {@code keys}, in a source transaction of its own. */
    private Changes readAgain(DirtyKeys keys) throws SQLException {
        try (Connection src = source.getConnection()) {
            src.setAutoCommit(false);
            src.rollback();
            try {
                sourceDialect.beginBatch(src);
                Changes changes = read(src, keys);
                src.commit();
                return changes;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(src);
                throw e;
            }
        }
    }

    private static Batch await(CompletableFuture<Batch> future) throws SQLException, JobStoppedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobStoppedException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("the batch reader failed", cause);
        }
    }

    /** Waits for a read in progress and drops it: its entries stay in the journal and are read again. */
    private void discardNext() {
        CompletableFuture<Batch> pending = next;
        next = null;
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("{}: the read of the next batch failed too; it is read again", group, e.getCause());
        }
    }

    private static void awaitReader(ExecutorService reader) {
        try {
            if (!reader.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The batch reader did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The child entries a batch takes. While the parent journal has more than one batch pending, the child entries
     * written after the batch's last parent entry name parents this batch does not bring: taking them would copy
     * those children now and again with their parents' own entries, so they wait. Only efficiency rides on the
     * clocks compared: entries left out are read by a later batch.
     */
    private List<JournalEntry> childEntriesOf(List<JournalEntry> parents, List<JournalEntry> children) {
        if (parents.size() < config.getBatchSize() || children.isEmpty()) {
            return children;
        }
        long latest = Long.MIN_VALUE;
        for (JournalEntry e : parents) {
            latest = Math.max(latest, e.getChangedAt().getTime());
        }
        List<JournalEntry> taken = new ArrayList<>();
        for (JournalEntry e : children) {
            if (e.getChangedAt().getTime() <= latest) {
                taken.add(e);
            }
        }
        return taken;
    }

    /**
     * The parent keys of a batch's parent entries, in journal order, and the parents of child entries that have
     * none of their own in the batch. The two journals are read independently, so the parent journal may be
     * behind: such a parent is not re-copied (its own entries, still pending, come in order later and bring its
     * children), only its children are, and only where the target has the parent.
     */
    private DirtyKeys dirtyKeys(List<JournalEntry> parents, List<JournalEntry> children) {
        Set<List<Object>> keys = new LinkedHashSet<>();
        for (JournalEntry e : parents) {
            keys.add(e.getKey());
        }
        Set<List<Object>> childOnly = new LinkedHashSet<>();
        int width = group.parentKeyWidth();
        for (JournalEntry e : children) {
            List<Object> parent = new ArrayList<>(e.getKey().subList(0, width));
            if (!keys.contains(parent)) {
                childOnly.add(parent);
            }
        }
        return new DirtyKeys(new ArrayList<>(keys), new ArrayList<>(childOnly));
    }

    /** The current source rows of the keys, transformed for the target. */
    Changes read(Connection src, DirtyKeys keys) throws SQLException {
        SyncTable parent = group.getParent();
        Rows parents = inKeyOrder(parentTransform.transform(SourceReader.fetch(src, parent.name(),
                TableDefinitions.columns(parent, config.getSourceVersion()), group.parentKey(), keys.parents), src),
                keys.parents);
        Rows children = null;
        if (group.getChild() != null) {
            SyncTable child = group.getChild();
            children = childTransform.transform(SourceReader.fetch(src, child.name(),
                    TableDefinitions.columns(child, config.getSourceVersion()), group.parentKey(), keys.all()), src);
        }
        return new Changes(parents, children);
    }

    /**
     * The rows in the order of {@code keys}, which is the order of their journal entries: an update that gives
     * up a unique value then comes before the insert that takes it.
     */
    private Rows inKeyOrder(Rows rows, List<List<Object>> keys) {
        int[] key = keyIndexes(rows);
        Map<List<Object>, Object[]> byKey = new HashMap<>();
        for (Object[] row : rows.getValues()) {
            byKey.put(normalized(row, key), row);
        }
        Rows ordered = new Rows(rows.getColumns(), rows.sqlTypes());
        for (List<Object> k : keys) {
            Object[] row = byKey.get(normalized(k));
            if (row != null) {
                ordered.add(row);
            }
        }
        return ordered;
    }

    /**
     * Brings the keys on the target to their source state, in foreign-key order: the children (scopes) of every
     * dirty key out, parent rows gone from the source deleted, the others updated in place or inserted, then the
     * children back in. With {@code replace}, every dirty parent row is deleted and inserted instead.
     */
    void apply(Connection tgt, DirtyKeys keys, Changes changes, boolean replace) throws SQLException {
        String parent = group.getParent().name();
        List<String> parentKey = group.parentKey();
        if (group.getChild() != null) {
            writer.delete(tgt, group.getChild().name(), group.childKey(), parentKey, keys.all());
        }
        if (replace) {
            writer.delete(tgt, parent, parentKey, parentKey, keys.parents);
            writer.insert(tgt, parent, changes.parents);
        } else {
            writer.delete(tgt, parent, parentKey, parentKey, gone(keys.parents, changes.parents));
            writer.upsert(tgt, parent, parentKey, changes.parents);
        }
        if (group.getChild() != null) {
            writer.insert(tgt, group.getChild().name(), childrenWithParent(tgt, keys, changes));
        }
    }

    /** The fetched children whose parent is now on the target: just written, or already there. */
    private Rows childrenWithParent(Connection tgt, DirtyKeys keys, Changes changes) throws SQLException {
        Set<List<Object>> parents = new HashSet<>();
        int[] parentKey = keyIndexes(changes.parents);
        for (Object[] row : changes.parents.getValues()) {
            parents.add(normalized(row, parentKey));
        }
        parents.addAll(writer.existing(tgt, group.getParent().name(), group.parentKey(), keys.childOnly));
        int[] childKey = keyIndexes(changes.children);
        Rows kept = new Rows(changes.children.getColumns(), changes.children.sqlTypes());
        for (Object[] row : changes.children.getValues()) {
            if (parents.contains(normalized(row, childKey))) {
                kept.add(row);
            }
        }
        return kept;
    }

    /**
     * Two rows of a batch traded a unique value in an order the updates could not follow: replace the batch's
     * rows instead. On the target, rows of other tables that reference them by a cascading foreign key go
     * with them, which is why this is only the fallback.
     */
    private void replace(Connection tgt, DirtyKeys keys, Changes changes, SQLException clash)
            throws SQLException {
        LOG.info("{}: {}; replacing the batch's {} rows by delete and insert", group, SqlFailures.describe(clash),
                keys.parents.size());
        try {
            apply(tgt, keys, changes, true);
            owner.fence(tgt);
            tgt.commit();
        } catch (SQLException | RuntimeException | Error e) {
            rollback(tgt);
            throw e;
        }
    }

    /** The dirty keys that have no row on the source any more. */
    private List<List<Object>> gone(List<List<Object>> keys, Rows present) {
        int[] key = keyIndexes(present);
        Set<List<Object>> there = new HashSet<>();
        for (Object[] row : present.getValues()) {
            there.add(normalized(row, key));
        }
        List<List<Object>> gone = new ArrayList<>();
        for (List<Object> k : keys) {
            if (!there.contains(normalized(k))) {
                gone.add(k);
            }
        }
        return gone;
    }

    /** Where the parent's key columns are in {@code rows} (a child's rows carry them too). */
    private int[] keyIndexes(Rows rows) {
        int[] key = new int[group.parentKey().size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = rows.indexOf(group.parentKey().get(i));
        }
        return key;
    }

    private static List<Object> normalized(List<Object> key) {
        int[] all = new int[key.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return normalized(key.toArray(), all);
    }

    private static List<Object> normalized(Object[] row, int[] key) {
        return KeyPredicate.comparable(row, key);
    }

    /**
     * Applies each key of the pending batch on its own, in a transaction rolled back afterwards, to name the
     * key the target refuses and the target's reason; null when every key applies alone.
     */
    String findRefusedKey() {
        try (Connection src = source.getConnection(); Connection tgt = target.getConnection()) {
            src.setAutoCommit(false);
            tgt.setAutoCommit(false);
            List<JournalEntry> parents = parentJournal.readOldest(src, config.getBatchSize());
            List<JournalEntry> children = childJournal == null ? Collections.<JournalEntry>emptyList()
                    : childJournal.readOldest(src, childBatchSize());
            DirtyKeys dirty = dirtyKeys(parents, children);
            List<DirtyKeys> single = new ArrayList<>();
            for (List<Object> key : dirty.parents) {
                single.add(new DirtyKeys(Collections.singletonList(key), Collections.<List<Object>>emptyList()));
            }
            for (List<Object> key : dirty.childOnly) {
                single.add(new DirtyKeys(Collections.<List<Object>>emptyList(), Collections.singletonList(key)));
            }
            try {
                for (DirtyKeys one : single) {
                    // A failing source read leaves the loop: only the target's refusals name a key.
                    Changes changes = read(src, one);
                    try {
                        apply(tgt, one, changes, false);
                    } catch (SQLException e) {
                        // Only a refusal of the row itself names a key; a read-only or full database is no key's fault.
                        return SqlFailures.isRowRefusal(e)
                                ? "key " + describeKey(one.all().get(0)) + ": " + SqlFailures.describe(e) : null;
                    }
                }
                return null;
            } finally {
                rollback(tgt);
                rollback(src);
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private String describeKey(List<Object> key) {
        List<String> parts = new ArrayList<>();
        List<String> names = group.parentKey();
        for (int i = 0; i < key.size(); i++) {
            parts.add(names.get(i) + "=" + key.get(i));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed; the connection is closed next", e);
        }
    }

    /** The parent keys a batch touches, see {@link #dirtyKeys}. */
    static final class DirtyKeys {
        private final List<List<Object>> parents;
        private final List<List<Object>> childOnly;

        DirtyKeys(List<List<Object>> parents, List<List<Object>> childOnly) {
            this.parents = parents;
            this.childOnly = childOnly;
        }

        List<List<Object>> all() {
            List<List<Object>> all = new ArrayList<>(parents);
            all.addAll(childOnly);
            return all;
        }

        /** These keys with {@code first} before them (and no longer among the child-only keys). */
        DirtyKeys withParentsFirst(List<List<Object>> first) {
            Set<List<Object>> ordered = new LinkedHashSet<>(first);
            ordered.addAll(parents);
            List<List<Object>> rest = new ArrayList<>(childOnly);
            rest.removeAll(ordered);
            return new DirtyKeys(new ArrayList<>(ordered), rest);
        }
    }

    /** The entries of one batch, per journal. */
    static final class Entries {
        static final Entries NONE = new Entries(Collections.<JournalEntry>emptyList(),
                Collections.<JournalEntry>emptyList());

        private final List<JournalEntry> parents;
        private final List<JournalEntry> children;

        Entries(List<JournalEntry> parents, List<JournalEntry> children) {
            this.parents = parents;
            this.children = children;
        }

        boolean isEmpty() {
            return parents.isEmpty() && children.isEmpty();
        }
    }

    /** A batch read from the source: its entries, the keys they name, and those keys' rows for the target. */
    static final class Batch {
        static final Batch EMPTY = new Batch(Entries.NONE, null, null);

        private final Entries entries;
        private final DirtyKeys keys;
        private final Changes changes;

        Batch(Entries entries, DirtyKeys keys, Changes changes) {
            this.entries = entries;
            this.keys = keys;
            this.changes = changes;
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }

        int size() {
            return entries.parents.size() + entries.children.size();
        }
    }

    /** The rows of one batch, as the target version wants them. */
    static final class Changes {
        private final Rows parents;
        private final Rows children;

        Changes(Rows parents, Rows children) {
            this.parents = parents;
            this.children = children;
        }
    }
}
