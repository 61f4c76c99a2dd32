/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.safetext.LogText;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.ScriptFormat;
import org.wso2.is.data.sync.job.Job;
import org.wso2.is.data.sync.job.JobContext;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * Writes, instead of running, the statements of prepare or clean for a DBA: one script per side,
 * {@code identity_source.sql} and {@code identity_target.sql} as the original tool named them (clean:
 * {@code identity_source_clean.sql}, {@code identity_target_clean.sql}), in the form the vendor's client runs.
 * The statements are the very ones the executing jobs run.
 */
public final class DdlScriptJob implements Job {

    /** The schema key of {@code identitySchema}, which names the scripts. */
    static final String SCHEMA = "identity";

    private static final Logger LOG = LogManager.getLogger(DdlScriptJob.class);

    private final boolean clean;

    private DdlScriptJob(boolean clean) {
        this.clean = clean;
    }

    public static DdlScriptJob forPrepare() {
        return new DdlScriptJob(false);
    }

    public static DdlScriptJob forClean() {
        return new DdlScriptJob(true);
    }

    @Override
    public void run(JobContext context) throws JobException {
        SyncConfiguration config = context.getConfiguration();
        Path dir;
        String suffix = clean ? "_clean.sql" : ".sql";
        Path sourceFile;
        Path targetFile;
        // The directory and both files are checked before anything is connected or written: a refused one
        // leaves everything as it was.
        try {
            dir = PrivateFiles.directory(context.getOptions().getDdlDirectory(), "--generate-ddl");
            sourceFile = dir.resolve(SCHEMA + "_source" + suffix);
            targetFile = dir.resolve(SCHEMA + "_target" + suffix);
            PrivateFiles.checkReplaceable(sourceFile);
            PrivateFiles.checkReplaceable(targetFile);
        } catch (IOException e) {
            throw new JobException("no script was written: " + LogText.oneLine(e.getMessage()), e);
        }
        CaptureSide source = new CaptureSide("source", config.getSourceDataSource(), context.getSource());
        CaptureSide target = new CaptureSide("target", config.getTargetDataSource(), context.getTarget());
        Script sourceScript = script(source, config, true);
        Script targetScript = script(target, config, false);
        write(sourceFile, sourceScript);
        write(targetFile, targetScript);
    }

    /** The lines of one side's script, and how the side is named. */
    private static final class Script {
        final List<String> lines;
        final String side;

        Script(List<String> lines, String side) {
            this.lines = lines;
            this.side = side;
        }
    }

    private Script script(CaptureSide side, SyncConfiguration config, boolean isSource) throws JobException {
        Dialect dialect;
        List<String> problems = new ArrayList<>();
        List<CaptureNames> names = Collections.emptyList();
        try (Connection connection = side.connect()) {
            dialect = side.dialect(connection);
            // Privileges are the DBA's: only the tables are checked, and only where prepare creates objects.
            if (isSource && !clean) {
                Preflight check = new Preflight(connection, dialect, side.describe(dialect));
                problems.addAll(check.checkTables(config.getSyncTables(), config.getSourceVersion()));
                if (problems.isEmpty()) {
                    // the journals copy the source's key columns, as executing prepare makes them
                    names = check.journalNames(config.getSyncTables(), problems);
                }
            }
        } catch (SQLException e) {
            throw new JobException("reading the " + side.getRole() + " database failed: " + SqlMessages.describe(e), e);
        }
        if (!problems.isEmpty()) {
            throw new JobException("no script was written; fix these first:" + System.lineSeparator() + "  - "
                    + String.join(System.lineSeparator() + "  - ", problems));
        }
        return new Script(script(dialect, side, config, names), side.describe(dialect));
    }

    private static void write(Path file, Script script) throws JobException {
        try {
            PrivateFiles.write(file, script.lines);
        } catch (IOException e) {
            throw new JobException("cannot write " + file + ": " + LogText.oneLine(String.valueOf(e)), e);
        }
        LOG.info("Wrote {} for {}", file, script.side);
    }

    /** The lock a trigger's DDL runs under, as prepare and clean take it ({@link BoundedDdl#execute}), or null. */
    private static String triggerLock(Dialect dialect, CaptureObject object) {
        SyncTable table = SyncTable.fromName(BoundedDdl.lockedTable(dialect, Arrays.asList(SyncTable.values()),
                object));
        if (table == null || table.referencedTable() == null) {
            return null;
        }
        return dialect.lockForTriggerDdl(table.name(), table.referencedTable().name());
    }

    private List<String> script(Dialect dialect, CaptureSide side, SyncConfiguration config,
                                List<CaptureNames> names) {
        ScriptFormat format = dialect.getScriptFormat();
        List<String> lines = new ArrayList<>();
        lines.add("-- WSO2 IS data sync: " + (clean ? "removal of change capture" : "change capture") + ", IS "
                + config.getSourceVersion() + " to IS " + config.getTargetVersion());
        lines.add("-- Run on " + LogText.oneLine(side.describe(dialect)) + ", as a user who may "
                + (clean ? "drop" : "create") + " tables and triggers there.");
        lines.add("-- Run with " + format.getClient());
        List<CaptureObject> objects;
        if (clean) {
            // Everything prepare can create, for every table: the target holds copies restored from the dump.
            objects = CaptureSide.plan(dialect, Arrays.asList(SyncTable.values()));
            Collections.reverse(objects);
            lines.add("-- Drops every object the prepare step can create; objects already gone are skipped.");
            if ("target".equals(side.getRole())) {
                objects.add(dialect.ownerTable());
                lines.add("-- And the table by which a sync holds the target for itself; run it with no sync running.");
            }
        } else if (!names.isEmpty()) {
            objects = CaptureSide.planFor(dialect, names);
            lines.add("-- Creates the journal and triggers that capture changes of " + config.getSyncTables());
        } else {
            objects = Collections.emptyList();
            lines.add("-- Nothing to create on the target: the sync keeps its state in the source's journals,");
            lines.add("-- and writes only the IS tables here. This file exists so that both sides are accounted for.");
        }
        lines.add("");
        lines.addAll(format.getOpening());
        String lockTimeout = dialect.ddlLockTimeout(config.getDdlLockTimeoutMillis());
        if (lockTimeout != null && !objects.isEmpty()) {
            // Without it a trigger DDL waits behind any open IS transaction, and every IS write queues behind it.
            lines.add("-- Each statement waits at most " + config.getDdlLockTimeoutMillis() + " ms (ddlLockTimeout) "
                    + "for a lock, so IS writes never queue behind it longer.");
            lines.add("-- If one gives up, a session holds that table: run the script again once it has ended.");
            lines.add(format.terminate(lockTimeout));
            lines.add("");
        }
        for (CaptureObject o : objects) {
            lines.add("-- " + o);
            String lock = triggerLock(dialect, o);
            if (lock != null) {
                lines.add(format.terminate(lock));
            }
            lines.add(format.terminate(clean ? dialect.dropIfExists(o) : o.getCreateSql()));
            if (lock != null) {
                lines.add(format.terminate(dialect.unlockAfterTriggerDdl()));
            }
            if (!clean) {
                for (String check : dialect.scriptChecks(o)) {
                    lines.add(format.terminate(check));
                }
            }
            lines.add("");
        }
        lines.addAll(format.getClosing());
        return lines;
    }
}
