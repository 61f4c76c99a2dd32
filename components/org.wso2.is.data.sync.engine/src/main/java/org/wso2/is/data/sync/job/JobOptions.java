/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Options of a run that are not part of {@code sync.properties}: they come from the command line. */
public final class JobOptions {

    /** Where the original tool wrote generated DDL, relative to the working directory. */
    public static final Path DEFAULT_DDL_DIRECTORY = Paths.get("dbscripts", "sync-tool");

    private final Path ddlDirectory;
    private final boolean untilDrained;
    private final boolean takeOver;
    private final boolean repair;
    private final String resyncTable;

    public JobOptions(Path ddlDirectory, boolean untilDrained) {
        this(ddlDirectory, untilDrained, false);
    }

    public JobOptions(Path ddlDirectory, boolean untilDrained, boolean takeOver) {
        this(ddlDirectory, untilDrained, takeOver, false, null);
    }

    private JobOptions(Path ddlDirectory, boolean untilDrained, boolean takeOver, boolean repair,
                       String resyncTable) {
        this.ddlDirectory = ddlDirectory == null ? DEFAULT_DDL_DIRECTORY : ddlDirectory;
        this.untilDrained = untilDrained;
        this.takeOver = takeOver;
        this.repair = repair;
        this.resyncTable = resyncTable;
    }

    /** These options, and validate journals every key it finds differing ({@code --repair}). */
    public JobOptions withRepair() {
        return new JobOptions(ddlDirectory, untilDrained, takeOver, true, resyncTable);
    }

    /** These options, and resync journals every key of {@code table} ({@code --table}). */
    public JobOptions withResyncTable(String table) {
        return new JobOptions(ddlDirectory, untilDrained, takeOver, repair, table);
    }

    public static JobOptions defaults() {
        return new JobOptions(null, false);
    }

    public Path getDdlDirectory() {
        return ddlDirectory;
    }

    /** Sync stops, successfully, once nothing captured is pending. */
    public boolean isUntilDrained() {
        return untilDrained;
    }

    /** Sync takes the target from another sync that holds it, instead of refusing to start. */
    public boolean isTakeOver() {
        return takeOver;
    }

    /** Validate queues every key it finds differing for sync to copy again. */
    public boolean isRepair() {
        return repair;
    }

    /** The table resync journals every key of, as given (checked by the job); null when not given. */
    public String getResyncTable() {
        return resyncTable;
    }
}
