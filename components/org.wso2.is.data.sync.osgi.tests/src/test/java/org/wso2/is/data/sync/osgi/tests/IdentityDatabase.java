/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.carbon.ndatasource.common.DataSourceException;
import org.wso2.carbon.ndatasource.core.DataSourceService;

/** A datasource of the stub, reached as IS code reaches it: through Carbon's DataSourceService. */
final class IdentityDatabase {

    private IdentityDatabase() {
    }

    static DataSource get(DataSourceService service, String name) throws DataSourceException {
        return (DataSource) service.getDataSource(name).getDSObject();
    }

    /**
     * The capture objects in the database, e.g. {@code [table SYN_J_TOKEN, trigger SYN_T_TOKEN]}, sorted. Read
     * from INFORMATION_SCHEMA, not through the engine, so the engine's own checks are not what is tested.
     */
    static List<String> captureObjects(DataSource ds) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            collect(s, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES", "table ", objects);
            collect(s, "SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS", "trigger ", objects);
        }
        objects.sort(null);
        return objects;
    }

    private static void collect(Statement s, String query, String kind, List<String> into) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                if (rs.getString(1).startsWith("SYN_")) {
                    into.add(kind + rs.getString(1));
                }
            }
        }
    }
}
