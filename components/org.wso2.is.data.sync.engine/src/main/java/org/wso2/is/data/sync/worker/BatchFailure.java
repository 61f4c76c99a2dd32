/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.SQLException;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * A failed batch, classified once, where it failed: on which side, of what kind, and the database's own SQLState
 * and vendor code, kept as values rather than folded into a message. The failure itself is the cause.
 */
final class BatchFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Where the batch failed. */
    enum Side { SOURCE, TARGET }

    /** What the failure asks for. */
    enum Kind {
        /** Goes away by itself: a lost connection, a deadlock or serialization failure, a shutdown, a lock wait. */
        PASSING,
        /** The database refuses the data itself (a constraint or a data exception): a person must look. */
        REFUSED,
        /** Any other database failure: privileges, a read-only or full database. */
        DATABASE,
        /** Not a database failure (a bug, an Error): retried all the same. */
        UNEXPECTED
    }

    private final Side side;
    private final Kind kind;
    private final String sqlState;
    private final int vendorCode;

    private BatchFailure(Side side, Kind kind, String sqlState, int vendorCode, Throwable cause) {
        super(cause);
        this.side = side;
        this.kind = kind;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
    }

    /** Classifies {@code cause}, a failure on {@code side}. */
    static BatchFailure of(Side side, Throwable cause) {
        if (cause instanceof BatchFailure) {
            return (BatchFailure) cause;
        }
        if (!(cause instanceof SQLException)) {
            return new BatchFailure(side, Kind.UNEXPECTED, null, 0, cause);
        }
        SQLException e = (SQLException) cause;
        Kind kind = SqlFailures.isTransient(e) ? Kind.PASSING
                : SqlFailures.isRowRefusal(e) ? Kind.REFUSED : Kind.DATABASE;
        return new BatchFailure(side, kind, e.getSQLState(), e.getErrorCode(), e);
    }

    Side side() {
        return side;
    }

    Kind kind() {
        return kind;
    }

    /** The database's SQLState, or null when the failure is not the database's. */
    String sqlState() {
        return sqlState;
    }

    int vendorCode() {
        return vendorCode;
    }

    /** The same failure for reporting: same side, SQLState and vendor code, or the same exception class. */
    String sameFailureKey() {
        return side + "/" + (sqlState == null ? getCause().getClass().getName() : sqlState + "/" + vendorCode);
    }

    /** The database's own words (SQLState included), or the exception, for a log line. */
    String describe() {
        return getCause() instanceof SQLException ? SqlFailures.describe((SQLException) getCause())
                : SqlMessages.describe(getCause());
    }

    @Override
    public String getMessage() {
        return side.name().toLowerCase(java.util.Locale.ROOT) + ": " + describe();
    }
}
