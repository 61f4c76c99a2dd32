/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.h2.tools.RunScript;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Runs a script the way a DBA would, with the database's own client: H2's RunScript, and the machine's psql
 * and mariadb clients (Debian packages postgresql-client and mariadb-client; .ci/run installs them). The client
 * inside the embedded MariaDB build is not used: it links libncurses.so.5, which Debian 12 lacks.
 */
public final class VendorClient {

    private VendorClient() {
    }

    public static void run(TestDatabase db, Path script) throws Exception {
        switch (db.kind()) {
            case H2:
                try (Connection c = db.dataSource().getConnection();
                     Reader r = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
                    RunScript.execute(c, r);
                }
                return;
            case POSTGRESQL: {
                URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
                ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-h", uri.getHost(),
                        "-p", String.valueOf(uri.getPort()), "-U", db.username(), "-d", uri.getPath().substring(1),
                        "-f", script.toString());
                pb.environment().put("PGPASSWORD", db.password());
                exec(pb, script);
                return;
            }
            default: {
                URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
                String path = uri.getPath().substring(1);
                ProcessBuilder pb = new ProcessBuilder("mariadb",
                        "--no-defaults", "--protocol=TCP", "--host=" + uri.getHost(), "--port=" + uri.getPort(),
                        "--user=" + db.username(), path);
                pb.environment().put("MYSQL_PWD", db.password());
                pb.redirectInput(script.toFile());
                exec(pb, script);
            }
        }
    }

    private static void exec(ProcessBuilder pb, Path script) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", pb.command()) + " failed on " + script + ": " + output);
        }
    }
}
