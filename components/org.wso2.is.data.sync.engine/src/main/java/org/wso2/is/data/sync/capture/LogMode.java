/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.changelog.LogCaptures;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.job.JobException;

/** The one message for log capture on a database that has none, and the look-up that gives it. */
public final class LogMode {

    private LogMode() {
    }

    /** {@code captureMode = log is not available on Oracle: ...}. */
    public static String notAvailable(Dialect dialect) {
        return "captureMode = log is not available on " + dialect.getName() + " (only on PostgreSQL 10+, MySQL 5.7+ "
                + "and MariaDB 10.x); use captureMode = triggers";
    }

    /** The source's log capture. @throws JobException naming the database where there is none; nothing changed */
    public static LogCapture of(Dialect dialect, String where) throws JobException {
        LogCapture log = LogCaptures.forDialect(dialect);
        if (log == null) {
            throw new JobException(where + ": " + notAvailable(dialect) + "; nothing was changed");
        }
        return log;
    }
}
