/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.changelog.LogCaptures;
import org.wso2.is.data.sync.config.CaptureMode;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobException;

/**
 * What sync needs before it writes anything: both databases hold the synced tables of their IS versions
 * (the target restored and migrated by now), and the capture is in place on the source: the triggers and journals,
 * or in log mode what the database's log capture needs (PostgreSQL: the slot and the publication).
 */
public final class SyncPreflight {

    private final SyncConfiguration config;

    public SyncPreflight(SyncConfiguration config) {
        this.config = config;
    }

    /** @throws JobException listing every problem */
    public void check(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect)
            throws SQLException, JobException {
        String sourceName = "the source database '" + config.getSourceDataSource() + "' (" + sourceDialect.getName()
                + ")";
        String targetName = "the target database '" + config.getTargetDataSource() + "' (" + targetDialect.getName()
                + ")";
        List<String> problems = new ArrayList<>(new Preflight(source, sourceDialect, sourceName)
                .checkTables(config.getSyncTables(), config.getSourceVersion()));
        problems.addAll(new Preflight(target, targetDialect, targetName)
                .checkTables(config.getSyncTables(), config.getTargetVersion()));
        if (config.getCaptureMode() == CaptureMode.LOG) {
            LogCapture log = LogCaptures.forDialect(sourceDialect);
            String problem = log == null ? sourceName + ": " + LogMode.notAvailable(sourceDialect)
                    : log.problem(source, config.getSyncTables(), sourceName);
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (SyncTable t : config.getCaptureMode() == CaptureMode.LOG ? Collections.<SyncTable>emptyList()
                : config.getSyncTables()) {
            for (CaptureObject o : sourceDialect.captureObjects(CaptureNames.of(t))) {
                if (!sourceDialect.exists(source, o)) {
                    problems.add(sourceName + ": " + o + " of " + t + " does not exist: run prepare first");
                } else if (o.getKind() == CaptureObject.Kind.TRIGGER) {
                    // A trigger that moved with a renamed table, or was disabled, captures nothing of this one.
                    String problem = sourceDialect.captureProblem(source, o, t.name());
                    if (problem != null) {
                        problems.add(sourceName + ": " + problem + ": run prepare again, then resync --table " + t);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new JobException("sync cannot start; fix these first:" + System.lineSeparator() + "  - "
                    + String.join(System.lineSeparator() + "  - ", problems));
        }
    }
}
