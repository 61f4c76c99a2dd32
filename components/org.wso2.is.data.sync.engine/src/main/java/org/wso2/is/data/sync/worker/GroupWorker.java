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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;
import org.wso2.is.data.sync.transform.Transformers;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

/**
 * Syncs one table group. Each batch: read the oldest committed journal entries, read the current source rows
 * of their keys, transform them, replace those keys on the target in one transaction (delete, then insert),
 * commit, and only then delete the entries from the journal. A failure at any point leaves the entries in the
 * journal, and applying them again gives the same target. Failures are retried with backoff, forever: the
 * group waits, never skips, and the other groups go on.
 */
final class GroupWorker {

    private static final Logger LOG = LogManager.getLogger(GroupWorker.class);

    private final TableGroup group;
    private final DataSource source;
    private final DataSource target;
    private final TargetWriter writer;
    private final Journal parentJournal;
    private final Journal childJournal;
    private final RowTransformer parentTransform;
    private final RowTransformer childTransform;
    private final SyncConfiguration config;
    private final StopSignal stop;
    private final SyncProgress progress;
    private final FailureReport failures;

    GroupWorker(TableGroup group, SyncConfiguration config, DataSource source, Dialect sourceDialect,
                DataSource target, Dialect targetDialect, StopSignal stop, SyncProgress progress,
                String targetName) {
        this.group = group;
        this.config = config;
        this.source = source;
        this.target = target;
        this.stop = stop;
        this.progress = progress;
        this.writer = new TargetWriter(targetDialect);
        this.parentJournal = new Journal(sourceDialect, CaptureNames.of(group.getParent()));
        this.childJournal = group.getChild() == null ? null
                : new Journal(sourceDialect, CaptureNames.of(group.getChild()));
        this.parentTransform = Transformers.chain(group.getParent(), config.getSourceVersion(),
                config.getTargetVersion());
        this.childTransform = group.getChild() == null ? null
                : Transformers.chain(group.getChild(), config.getSourceVersion(), config.getTargetVersion());
        this.failures = new FailureReport(group, targetName, targetDialect.getName());
    }

    /**
     * Runs batches until stopped, or, with {@code untilDrained}, until a read finds nothing pending.
     *
     * @throws JobStoppedException when stopped
     */
    void run(boolean untilDrained) throws JobStoppedException {
        RetryPolicy<Integer> retry = RetryPolicy.<Integer>builder()
                .handleIf(e -> !(e instanceof JobStoppedException))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(Math.max(1000, config.getSyncIntervalMillis())))
                .withMaxRetries(-1)
                .onFailedAttempt(e -> failures.failed(e.getLastException(), e.getAttemptCount(), this))
                .build();
        while (true) {
            stop.check();
            int applied;
            try {
                applied = Failsafe.with(retry).get(this::batch);
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
    }

    /** One batch; returns the number of journal entries applied (0: nothing pending). */
    int batch() throws SQLException, JobStoppedException {
        stop.check();
        try (Connection src = source.getConnection(); Connection tgt = target.getConnection()) {
            src.setAutoCommit(false);
            tgt.setAutoCommit(false);
            List<JournalEntry> parentEntries = parentJournal.readOldest(src, config.getBatchSize());
            List<JournalEntry> childEntries = childJournal == null ? Collections.<JournalEntry>emptyList()
                    : childJournal.readOldest(src, config.getBatchSize());
            if (parentEntries.isEmpty() && childEntries.isEmpty()) {
                src.commit();
                return 0;
            }
            List<List<Object>> keys = dirtyKeys(parentEntries, childEntries);
            Changes changes = read(src, keys);
            src.commit();
            try {
                apply(tgt, keys, changes);
                tgt.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(tgt);
                throw e;
            }
            parentJournal.consume(src, parentEntries);
            if (childJournal != null) {
                childJournal.consume(src, childEntries);
            }
            src.commit();
            progress.applied(group.getParent(), parentEntries.size());
            if (group.getChild() != null) {
                progress.applied(group.getChild(), childEntries.size());
            }
            return parentEntries.size() + childEntries.size();
        }
    }

    /** The parent keys touched by the batch: a scope change makes its token dirty. */
    private List<List<Object>> dirtyKeys(List<JournalEntry> parents, List<JournalEntry> children) {
        Set<List<Object>> keys = new LinkedHashSet<>();
        for (JournalEntry e : parents) {
            keys.add(e.getKey());
        }
        int width = group.parentKeyWidth();
        for (JournalEntry e : children) {
            keys.add(new ArrayList<>(e.getKey().subList(0, width)));
        }
        return new ArrayList<>(keys);
    }

    /** The current source rows of the keys, transformed for the target. */
    Changes read(Connection src, List<List<Object>> keys) throws SQLException {
        SyncTable parent = group.getParent();
        Rows parents = parentTransform.transform(SourceReader.fetch(src, parent.name(),
                TableDefinitions.columns(parent, config.getSourceVersion()), group.parentKey(), keys), src);
        Rows children = null;
        if (group.getChild() != null) {
            SyncTable child = group.getChild();
            children = childTransform.transform(SourceReader.fetch(src, child.name(),
                    TableDefinitions.columns(child, config.getSourceVersion()), group.parentKey(), keys), src);
        }
        return new Changes(parents, children);
    }

    /** Replaces the keys on the target: children first out, parents first in (foreign key order). */
    void apply(Connection tgt, List<List<Object>> keys, Changes changes) throws SQLException {
        if (group.getChild() != null) {
            writer.delete(tgt, group.getChild().name(), group.parentKey(), keys);
        }
        writer.delete(tgt, group.getParent().name(), group.parentKey(), keys);
        writer.insert(tgt, group.getParent().name(), changes.parents);
        if (group.getChild() != null) {
            writer.insert(tgt, group.getChild().name(), changes.children);
        }
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
                    : childJournal.readOldest(src, config.getBatchSize());
            try {
                for (List<Object> key : dirtyKeys(parents, children)) {
                    List<List<Object>> one = Collections.singletonList(key);
                    try {
                        apply(tgt, one, read(src, one));
                    } catch (SQLException e) {
                        return "key " + describeKey(key) + ": " + SqlFailures.describe(e);
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
