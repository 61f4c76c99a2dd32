/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.wso2.is.data.sync.safetext.SqlMessages;

/** Tells failures that go away by themselves (lost connection, deadlock) from those that need a person. */
final class SqlFailures {

    private SqlFailures() {
    }

    /**
     * Transient: connection failures (SQLState class 08), transaction rollbacks for serialization or deadlock
     * (class 40), an operator or crash shutdown (57P0x), lock wait timeouts (MySQL 1205, HY000), and whatever the
     * driver marks transient or recoverable.
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException) {
                SQLException s = (SQLException) t;
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("57P")
                        || state.equals("HYT00"))) {
                    return true;
                }
                if (s.getErrorCode() == 1205 || s.getErrorCode() == 1213) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A unique or primary key violation: SQLState 23505 (PostgreSQL, H2, DB2), or by vendor code where the state
     * is the generic 23000 (MySQL/MariaDB 1062, Oracle ORA-00001, SQL Server 2627/2601).
     */
    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                SQLException s = (SQLException) t;
                if ("23505".equals(s.getSQLState())) {
                    return true;
                }
                if ("23000".equals(s.getSQLState())) {
                    int code = s.getErrorCode();
                    return code == 1062 || code == 1 || code == 2627 || code == 2601;
                }
            }
        }
        return false;
    }

    /** A refusal of the data itself: a data exception (SQLState class 22) or a constraint violation (23). */
    static boolean isRowRefusal(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The database's own words without any row value (see {@link SqlMessages}), SQLState and vendor code. */
    static String describe(SQLException e) {
        return SqlMessages.describe(e);
    }
}
