/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import org.wso2.is.data.sync.schema.IsSchemaScript;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** Creates the synced IS tables on a test database from our copies of the product scripts. */
public final class IsSchema {

    private IsSchema() {
    }

    public static void create(TestDatabase db, String version) throws SQLException, IOException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            IsSchemaScript.create(c, version, scriptName(db.kind()));
        }
    }

    private static String scriptName(DatabaseKind kind) {
        switch (kind) {
            case H2:
                return "h2";
            case POSTGRESQL:
                return "postgresql";
            default:
                return "mysql";
        }
    }
}
