/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.SQLException;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Ending a failed transaction without hiding the failure that ended it. */
final class Connections {

    private static final Logger LOG = LogManager.getLogger(Connections.class);

    private Connections() {
    }

    /** Rolls back; a rollback that fails too is only logged at DEBUG: the connection is closed next. */
    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed; the connection is closed next", e);
        }
    }
}
