/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Our copies of the IS identity scripts, reduced to the synced tables and those they reference
 * ({@code is-schema/<version>/<database>.sql}): the demo builds its databases from them, the tests too.
 */
public final class IsSchemaScript {

    private IsSchemaScript() {
    }

    /**
     * Runs the script of IS {@code version} for {@code database} ({@code h2}, {@code postgresql}, {@code mysql}).
     */
    public static void create(Connection connection, String version, String database)
            throws IOException, SQLException {
        String resource = "/is-schema/" + version + "/" + database + ".sql";
        String script;
        try (InputStream in = IsSchemaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no IS schema copy " + resource);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
            script = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
        try (Statement s = connection.createStatement()) {
            for (String statement : script.split(";\\s*\\n")) {
                String sql = statement.replaceAll("(?m)^--.*$", "").trim();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
        }
    }
}
