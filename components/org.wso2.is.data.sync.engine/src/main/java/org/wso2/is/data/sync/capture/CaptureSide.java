/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.dialect.UnsupportedDatabaseException;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.safetext.SqlMessages;

/** One side of the sync (source or target): its role, datasource name and detected dialect. */
final class CaptureSide {

    private final String role;
    private final String dataSourceName;
    private final DataSource dataSource;

    CaptureSide(String role, String dataSourceName, DataSource dataSource) {
        this.role = role;
        this.dataSourceName = dataSourceName;
        this.dataSource = dataSource;
    }

    String getRole() {
        return role;
    }

    /** {@code the source database 'jdbc/source' (PostgreSQL)}, for messages. */
    String describe(Dialect dialect) {
        return "the " + role + " database '" + dataSourceName + "' (" + dialect.getName() + ")";
    }

    /** An auto-commit connection: capture DDL commits statement by statement on most databases anyway. */
    Connection connect() throws JobException {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw new JobException("cannot connect to the " + role + " database '" + dataSourceName + "': "
                    + SqlMessages.describe(e), e);
        }
    }

    Dialect dialect(Connection connection) throws JobException {
        try {
            return Dialects.forConnection(connection);
        } catch (UnsupportedDatabaseException e) {
            throw new JobException("the " + role + " database '" + dataSourceName + "': " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new JobException("cannot read the metadata of the " + role + " database '" + dataSourceName
                    + "': " + SqlMessages.describe(e), e);
        }
    }

    /** Every capture object of {@code tables}, in creation order (typed from our definitions: for drops). */
    static List<CaptureObject> plan(Dialect dialect, List<SyncTable> tables) {
        List<CaptureNames> names = new ArrayList<>();
        for (SyncTable t : tables) {
            names.add(CaptureNames.of(t));
        }
        return planFor(dialect, names);
    }

    /** Every capture object of the tables {@code names} name, in creation order. */
    static List<CaptureObject> planFor(Dialect dialect, List<CaptureNames> names) {
        List<CaptureObject> objects = new ArrayList<>();
        for (CaptureNames n : names) {
            objects.addAll(dialect.captureObjects(n));
        }
        return objects;
    }
}
