/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.CaptureMode;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.dialect.UnsupportedDatabaseException;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobStoppedException;
import org.wso2.is.data.sync.job.Verdict;
import org.wso2.is.data.sync.job.VerdictException;
import org.wso2.is.data.sync.schema.FreezeTables;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.worker.KeyPredicate;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * The check before the cut-over: per synced table, the source as the target version would hold it against the
 * target, every key compared. It completes ({@link Verdict#IDENTICAL}) only when every table is identical and no
 * change waits in any synced table's journal; otherwise it ends with a {@link VerdictException}:
 * {@link Verdict#DIFFERENCES} when a key differs that no pending change explains, {@link Verdict#PENDING} when
 * only pending changes stand between the two. It then compares the tables the endpoint freeze protects
 * ({@link FreezeCheck}): any of them changed since the dump is {@link Verdict#FREEZE_DRIFT}, which outranks the
 * other two (no sync fixes it). With the repair option every differing key is also journaled on the source, for
 * sync to copy again. The rows of excluded test applications ({@code excludedApps}) are left out on both sides.
 */
public final class ValidateJob implements Job {

    private static final Logger LOG = LogManager.getLogger(ValidateJob.class);

    private final List<TableDifferences> results = new ArrayList<>();
    private final List<FreezeCheck.Result> freezeResults = new ArrayList<>();

    @Override
    public void run(JobContext context) throws JobException, JobStoppedException {
        SyncConfiguration config = context.getConfiguration();
        boolean repair = context.getOptions().isRepair();
        long differences = 0;
        long pendingKeys = 0;
        long queued = 0;
        List<String> differingTables = new ArrayList<>();
        Map<SyncTable, Long> waiting;
        SyncTable current = null;
        String currentFreeze = null;
        List<String> drifted = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        try (Connection s = context.getSource().getConnection();
             Connection lookups = context.getSource().getConnection();
             Connection t = context.getTarget().getConnection();
             // The journals: the source's with triggers, the target's with log capture.
             Connection journals = config.getCaptureMode() == CaptureMode.LOG ? context.getTarget().getConnection()
                     : null) {
            s.setAutoCommit(false);
            t.setAutoCommit(false);
            lookups.setAutoCommit(true);
            Connection j = journals == null ? lookups : journals;
            j.setAutoCommit(true);
            Dialect dialect = Dialects.forConnection(j);
            Set<SyncTable> captured = new HashSet<>();
            for (SyncTable table : config.getSyncTables()) {
                if (repair) {
                    RepairQueue.requireCapture(j, dialect, table, "validate --repair", journals != null);
                }
                if (RepairQueue.captured(j, dialect, table)) {
                    captured.add(table);
                }
            }
            // With --repair, the entries this run writes must not make a later table's keys look pending (a
            // queued token explains its scopes): only entries older than the run count.
            Map<SyncTable, Long> before = repair ? lastEntries(j, captured) : null;
            try {
                for (SyncTable table : config.getSyncTables()) {
                    current = table;
                    TableDifferences d = new TableDifferences(table);
                    RepairQueue queue = repair ? new RepairQueue(j, table) : null;
                    Classifier classifier = new Classifier(j, table, captured, before, d, queue);
                    d.setTotals(new TableComparer(table, config, RowFilter.excludingApps(table,
                            config.getExcludedApps()), context.getStopSignal(), TableComparer.ROWS_PER_PASS)
                            .compare(s, lookups, t, classifier));
                    classifier.flush();
                    // Each table is read in a transaction of its own: the next one sees the current data.
                    s.rollback();
                    t.rollback();
                    results.add(d);
                    for (String line : d.describe()) {
                        LOG.info(line);
                    }
                    if (queue != null) {
                        queue.flush();
                        queued += queue.queued();
                        LOG.info("{}: queued {} differing keys for sync in {}", table, queue.queued(),
                                queue.journal());
                    }
                    differences += d.differenceCount();
                    pendingKeys += d.pendingCount();
                    if (d.differenceCount() > 0) {
                        differingTables.add(table.name());
                    }
                }
                current = null;
                waiting = waitingChanges(j, captured);
                FreezeCheck freeze = new FreezeCheck(config, context.getStopSignal());
                for (FreezeTables.Table table : freeze.tables()) {
                    currentFreeze = table.getName();
                    FreezeCheck.Result r = freeze.compare(table, s, lookups, t);
                    s.rollback();
                    t.rollback();
                    freezeResults.add(r);
                    LOG.info(r.describe());
                    if (r.drifted()) {
                        drifted.add(r.table);
                    } else if (r.compared == null) {
                        notCompared.add(r.table);
                    }
                }
                currentFreeze = null;
            } finally {
                // Only reads: ending them either way keeps no snapshot on a pooled connection.
                s.rollback();
                t.rollback();
            }
        } catch (SQLException e) {
            throw new JobException("validating " + (current != null ? current : currentFreeze != null
                    ? "the freeze table " + currentFreeze : "the journals") + " failed: " + SqlMessages.describe(e), e);
        } catch (UnsupportedDatabaseException e) {
            throw new JobException(e.getMessage(), e);
        }
        long changes = 0;
        for (long n : waiting.values()) {
            changes += n;
        }
        String repaired = repair ? "; --repair queued " + queued + " keys: let sync copy them (sync --until-drained) "
                + "and validate again" : "";
        String summary = "Validation of " + config.getSyncTables().size() + " tables: " + differences
                + " differences" + (differingTables.isEmpty() ? "" : " in " + differingTables) + ", " + pendingKeys
                + " differing keys with changes still pending, " + changes + " changes waiting in the journals"
                + (changes == 0 ? "" : " " + waiting);
        if (!notCompared.isEmpty()) {
            LOG.info("Freeze tables not compared (absent on a side, or not in the identity database): {}",
                    notCompared);
        }
        if (!drifted.isEmpty()) {
            throw new VerdictException(Verdict.FREEZE_DRIFT, "verdict " + Verdict.FREEZE_DRIFT.name() + ": tables the "
                    + "endpoint freeze protects changed on the source since the dump: " + drifted + " (their rows are "
                    + "in the freeze lines above); those changes are lost at the cut-over: NO-GO until each is made "
                    + "again on the new IS (or the window restarts from a new dump), then validate again. " + summary + repaired);
        }
        if (differences > 0) {
            throw new VerdictException(Verdict.DIFFERENCES, "verdict " + Verdict.DIFFERENCES.name() + ": " + summary
                    + "; the target is NOT ready for the cut-over" + (repair ? repaired
                    : "; validate --repair queues the differing keys for sync"));
        }
        if (pendingKeys > 0 || changes > 0) {
            throw new VerdictException(Verdict.PENDING, "verdict " + Verdict.PENDING.name() + ": " + summary
                    + "; nothing differs but what those changes explain, and the target is NOT ready for the "
                    + "cut-over until they are synced: let sync drain them (sync --until-drained) and validate "
                    + "again; if they never drain, a group is stuck (see the sync log's ERROR lines)" + repaired);
        }
        LOG.info("{}; verdict {}", summary, Verdict.IDENTICAL);
    }

    /** What the last run found, table by table. */
    public List<TableDifferences> getResults() {
        return results;
    }

    /** The report line of each protected table the last run looked at, in order. */
    public List<String> getFreezeFindings() {
        List<String> lines = new ArrayList<>();
        for (FreezeCheck.Result r : freezeResults) {
            lines.add(r.describe());
        }
        return lines;
    }

    /** The highest {@code SYNC_ID} in each captured table's journal, or -1 when it is empty. */
    private static Map<SyncTable, Long> lastEntries(Connection c, Set<SyncTable> captured) throws SQLException {
        Map<SyncTable, Long> last = new LinkedHashMap<>();
        for (SyncTable table : captured) {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(SYNC_ID) FROM "
                    + CaptureNames.of(table).getJournal()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                last.put(table, rs.wasNull() ? -1 : id);
            }
        }
        return last;
    }

    /** The entries in each captured table's journal, for the tables that have any. */
    private static Map<SyncTable, Long> waitingChanges(Connection c, Set<SyncTable> captured) throws SQLException {
        Map<SyncTable, Long> waiting = new LinkedHashMap<>();
        for (SyncTable table : SyncTable.values()) {
            if (!captured.contains(table)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
                    + CaptureNames.of(table).getJournal()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                if (n > 0) {
                    waiting.put(table, n);
                }
            }
        }
        return waiting;
    }

    /**
     * Sorts the differences the comparison streams into pending and not, a chunk of keys at a time: a key is
     * pending when its table's journal has an entry for it, or, for tokens and scopes, the other one's journal
     * (a change to either re-copies the token with its scopes). Passes each key on to the repair queue too.
     */
    private static final class Classifier implements DifferenceSink {

        private final Connection connection;
        private final SyncTable table;
        private final Set<SyncTable> captured;
        /** Per journal, the last entry that counts; null: all count. */
        private final Map<SyncTable, Long> before;
        private final TableDifferences differences;
        private final RepairQueue repair;
        private final List<TableDifferences.Kind> kinds = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private final List<Object[]> values = new ArrayList<>();

        Classifier(Connection connection, SyncTable table, Set<SyncTable> captured, Map<SyncTable, Long> before,
                   TableDifferences differences, RepairQueue repair) {
            this.connection = connection;
            this.table = table;
            this.captured = captured;
            this.before = before;
            this.differences = differences;
            this.repair = repair;
        }

        @Override
        public void found(TableDifferences.Kind kind, String key, Object[] keyValues) throws SQLException {
            if (repair != null) {
                repair.add(keyValues);
            }
            kinds.add(kind);
            keys.add(key);
            values.add(keyValues);
            if (keys.size() == KeyPredicate.MAX_KEYS_PER_STATEMENT) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (keys.isEmpty()) {
                return;
            }
            Set<String> pending = new HashSet<>();
            collect(table, CaptureNames.of(table).getKeyColumns().size(), pending);
            if (table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN) {
                collect(SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE, 1, pending);
            } else if (table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE) {
                collect(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, 1, pending);
            }
            for (int i = 0; i < keys.size(); i++) {
                differences.add(kinds.get(i), keys.get(i), pending.contains(keys.get(i)));
            }
            kinds.clear();
            keys.clear();
            values.clear();
        }

        /** Adds the buffered keys whose first {@code width} values appear in {@code journalOf}'s journal. */
        private void collect(SyncTable journalOf, int width, Set<String> pending) throws SQLException {
            if (!captured.contains(journalOf) || before != null && before.get(journalOf) < 0) {
                return;
            }
            CaptureNames names = CaptureNames.of(journalOf);
            List<String> columns = new ArrayList<>();
            for (KeyColumn k : names.getKeyColumns().subList(0, width)) {
                columns.add(k.getName());
            }
            int[] idx = new int[width];
            for (int j = 0; j < width; j++) {
                idx[j] = j;
            }
            List<List<Object>> prefixes = new ArrayList<>();
            for (Object[] v : values) {
                List<Object> prefix = new ArrayList<>();
                for (int j = 0; j < width; j++) {
                    prefix.add(v[j]);
                }
                prefixes.add(prefix);
            }
            Set<String> found = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + String.join(", ", columns)
                    + " FROM " + names.getJournal() + " WHERE " + (before == null ? "" : "SYNC_ID <= ? AND ")
                    + "(" + KeyPredicate.sql(columns, prefixes.size()) + ")")) {
                int first = 1;
                if (before != null) {
                    ps.setLong(first++, before.get(journalOf));
                }
                KeyPredicate.bind(ps, first, prefixes);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] row = new Object[width];
                        for (int i = 0; i < width; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        found.add(RowDigest.key(row, idx));
                    }
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                if (found.contains(RowDigest.key(values.get(i), idx))) {
                    pending.add(keys.get(i));
                }
            }
        }
    }
}
