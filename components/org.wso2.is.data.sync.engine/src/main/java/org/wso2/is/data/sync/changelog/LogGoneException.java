/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import java.sql.SQLException;

/**
 * The log cannot be read from the stored position any more (a dropped slot, a purged binlog): changes since may be
 * lost, so sync stops with an ERROR that says to prepare again. Never retried: a retry would read on from somewhere
 * else and leave a silent gap.
 */
public final class LogGoneException extends SQLException {

    private static final long serialVersionUID = 1L;

    public LogGoneException(String message) {
        super(message);
    }

    public LogGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
