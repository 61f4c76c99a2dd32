/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** Creates the synced IS tables from our copies of the product scripts ({@code is-schema/<version>/<db>.sql}). */
public final class IsSchema {

    private IsSchema() {
    }

    public static void create(TestDatabase db, String version) throws SQLException, IOException {
        String file = "/is-schema/" + version + "/" + scriptName(db.kind()) + ".sql";
        String script;
        try (InputStream in = IsSchema.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("no IS schema copy " + file);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : script.split(";\\s*\\n")) {
                String sql = statement.replaceAll("(?m)^--.*$", "").trim();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
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
