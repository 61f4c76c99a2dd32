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

    public JobOptions(Path ddlDirectory, boolean untilDrained) {
        this(ddlDirectory, untilDrained, false);
    }

    public JobOptions(Path ddlDirectory, boolean untilDrained, boolean takeOver) {
        this.ddlDirectory = ddlDirectory == null ? DEFAULT_DDL_DIRECTORY : ddlDirectory;
        this.untilDrained = untilDrained;
        this.takeOver = takeOver;
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
}
