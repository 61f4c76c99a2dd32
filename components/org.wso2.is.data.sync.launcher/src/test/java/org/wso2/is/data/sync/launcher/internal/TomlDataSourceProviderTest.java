/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;

/** Lookup by both spellings, lazy pools over real H2 databases, closing, and what HikariCP logs. */
class TomlDataSourceProviderTest {

    @TempDir
    Path dir;

    private TomlDataSourceProvider provider(String toml) throws Exception {
        Path file = dir.resolve("deployment.toml");
        Files.write(file, toml.getBytes(StandardCharsets.UTF_8));
        return TomlDataSourceProvider.load(file);
    }

    private static String block(String id, String url) {
        return "[[datasource]]\nid = \"" + id + "\"\nurl = \"" + url + "\"\nusername = \"sa\"\n";
    }

    @Test
    void findsByIdOrJndiNameAndOpensOnlyWhatIsAskedFor() throws Exception {
        try (TomlDataSourceProvider p = provider(block("source", "jdbc:h2:mem:p1")
                + block("target", "jdbc:h2:mem:p2") + block("broken", "jdbc:nosuchdb://x"))) {
            HikariDataSource source = (HikariDataSource) p.get("jdbc/source");
            assertSame(source, p.get("source"));
            assertEquals("data-sync-source", source.getPoolName());
            try (Connection c = source.getConnection()) {
                assertTrue(c.isValid(1));
            }
            HikariDataSource target = (HikariDataSource) p.get("target");
            // "broken" is never asked for, so its bad URL never matters
            p.close();
            assertTrue(source.isClosed() && target.isClosed());
        }
    }

    @Test
    void unknownNameListsWhatIsBound() throws Exception {
        try (TomlDataSourceProvider p = provider(block("source", "jdbc:h2:mem:p3")
                + block("target", "jdbc:h2:mem:p4"))) {
            DataSourceLookupException e = assertThrows(DataSourceLookupException.class, () -> p.get("jdbc/sourse"));
            assertEquals("identitySchema: datasource 'jdbc/sourse' is not bound; bound datasources: "
                    + "source (jdbc/source), target (jdbc/target)", e.getMessage());
        }
    }

    @Test
    void missingDriverClassSaysWhereDriversGo() throws Exception {
        try (TomlDataSourceProvider p = provider(block("ora", "jdbc:oracle:thin:scott/Tiger-Pw@db:1521/XE")
                + "driver = \"oracle.jdbc.OracleDriver\"\n")) {
            DataSourceLookupException e = assertThrows(DataSourceLookupException.class, () -> p.get("jdbc/ora"));
            assertEquals("cannot connect to datasource 'jdbc/ora' (url jdbc:oracle:thin:@db:1521/XE, "
                    + "user sa): driver class oracle.jdbc.OracleDriver is not on the classpath; the launcher ships "
                    + "the H2, PostgreSQL and MariaDB drivers; copy the JDBC driver jar of any other database into "
                    + "the lib/ directory of the distribution", e.getMessage());
        }
    }

    @Test
    void hikariConfigurationDumpAtDebugMasksThePassword() throws Exception {
        Path logFile = LauncherLogging.start(dir.resolve("logs"));
        assertFalse(LogManager.getLogger("com.zaxxer.hikari.HikariConfig").isInfoEnabled(),
                "the launcher's configuration keeps HikariCP at WARN");

        Configurator.setLevel("com.zaxxer.hikari", Level.DEBUG);
        try (TomlDataSourceProvider p = provider(block("source", "jdbc:h2:mem:p5")
                + "password = \"Debug-Pass-1\"\n")) {
            p.get("source");
        } finally {
            LauncherLogging.start(dir.resolve("logs"));
        }
        String log = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        assertTrue(log.contains("data-sync-source - configuration:"), log);
        assertTrue(log.contains("<masked>"), log);
        assertFalse(log.contains("Debug-Pass-1"), log);
    }
}
