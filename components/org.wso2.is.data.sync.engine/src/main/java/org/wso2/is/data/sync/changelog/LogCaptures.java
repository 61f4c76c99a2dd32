/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import org.wso2.is.data.sync.changelog.mysql.MySqlLogCapture;
import org.wso2.is.data.sync.changelog.postgresql.PostgreSqlLogCapture;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.mysql.MySqlDialect;
import org.wso2.is.data.sync.dialect.postgresql.PostgreSqlDialect;

/** Which database has log capture ({@code captureMode = log}): one line per database, as {@code Dialects}. */
public final class LogCaptures {

    private LogCaptures() {
    }

    /** The log capture of the database {@code dialect} speaks to; null where it has none. */
    public static LogCapture forDialect(Dialect dialect) {
        if (dialect instanceof PostgreSqlDialect) {
            return new PostgreSqlLogCapture();
        }
        if (dialect instanceof MySqlDialect) {
            return new MySqlLogCapture();
        }
        return null;
    }
}
