/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;

/**
 * The target is restored from a dump of the source taken after prepare, so it holds copies of the capture
 * triggers and journals. On the target they would journal the sync's own writes: sync removes them first.
 */
public final class CaptureTargetCopies {

    private static final Logger LOG = LogManager.getLogger(CaptureTargetCopies.class);

    private CaptureTargetCopies() {
    }

    public static void remove(Connection target, Dialect dialect, String where) throws SQLException {
        remove(target, dialect, where, false);
    }

    /**
     * With {@code keepJournals} (log capture, whose journals live on the target), only triggers and functions go:
     * the journals hold keys the log pump stored and the workers have not applied yet.
     */
    public static void remove(Connection target, Dialect dialect, String where, boolean keepJournals)
            throws SQLException {
        target.setAutoCommit(true);
        List<CaptureObject> objects = CaptureSide.plan(dialect, Arrays.asList(SyncTable.values()));
        Collections.reverse(objects);
        try (Statement s = target.createStatement()) {
            for (CaptureObject o : objects) {
                if (keepJournals && o.getKind() == CaptureObject.Kind.TABLE) {
                    continue;
                }
                if (dialect.exists(target, o)) {
                    s.execute(o.getDropSql());
                    LOG.info("Dropped {} on {}: a copy from the dump of the source, which would capture the "
                            + "sync's own writes there", o, where);
                }
            }
        }
    }
}
