/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.config.ConfigurationException;

class DeploymentTomlTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("deployment.toml");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private List<String> problems(String text) throws IOException {
        Path file = write(text);
        return assertThrows(ConfigurationException.class, () -> DeploymentToml.read(file)).getProblems();
    }

    @Test
    void readsTheDatasourceBlocksOfAnIsFileAndIgnoresTheRest() throws Exception {
        Path file = write("[server]\nhostname = \"is.example.com\"\n\n"
                + "[user_store]\ntype = \"database_unique_id\"\n\n"
                + "[[datasource]]\nid = \"source\"\nurl = \"jdbc:h2:mem:s\"\nusername = \"sa\"\npassword = \"pw\"\n"
                + "driver = \"org.h2.Driver\"\njmx_enable = false\n"
                + "pool_options.maxActive = \"50\"\npool_options.maxWait = 60000\npool_options.minIdle = 5\n"
                + "pool_options.validationQuery = \"SELECT 1\"\npool_options.defaultAutoCommit = \"false\"\n"
                + "pool_options.testOnBorrow = true\npool_options.validationInterval = \"30000\"\n\n"
                + "[[event_handler]]\nname = \"x\"\n\n"
                + "[[datasource]]\nid = \"target\"\nurl = \"jdbc:h2:mem:t\"\n");

        List<DataSourceDefinition> all = DeploymentToml.read(file);

        assertEquals(2, all.size());
        DataSourceDefinition source = all.get(0);
        HikariConfig c = source.toHikariConfig();
        assertEquals("data-sync-source", c.getPoolName());
        assertEquals("jdbc:h2:mem:s", c.getJdbcUrl());
        assertEquals("sa", c.getUsername());
        assertEquals("pw", c.getPassword());
        assertEquals("org.h2.Driver", source.getDriver());
        assertEquals(50, c.getMaximumPoolSize());
        assertEquals(5, c.getMinimumIdle());
        assertEquals(60_000, c.getConnectionTimeout());
        assertEquals("SELECT 1", c.getConnectionTestQuery());
        assertFalse(c.isAutoCommit());
        assertEquals(List.of("jmx_enable", "pool_options.testOnBorrow", "pool_options.validationInterval"),
                source.getIgnoredKeys());

        DataSourceDefinition target = all.get(1);
        assertNull(target.getUsername());
        assertNull(target.getDriver());
        assertEquals(new HikariConfig().getMaximumPoolSize(), target.toHikariConfig().getMaximumPoolSize(),
                "HikariCP's default applies");
        assertEquals(List.of(), target.getIgnoredKeys());
    }

    @Test
    void aFileWithoutDatasourcesHasNone() throws Exception {
        assertEquals(List.of(), DeploymentToml.read(write("")));
        assertEquals(List.of(), DeploymentToml.read(write("[server]\nhostname = \"x\"\n")));
    }

    @Test
    void everyProblemIsReportedWithFileBlockAndKey() throws Exception {
        String file = dir.resolve("deployment.toml").toString();
        List<String> problems = problems("[[datasource]]\nurl = \"jdbc:h2:mem:a\"\n\n"
                + "[[datasource]]\nid = \"b\"\nurl = \"mysql://h/db?password=Url-Pw\"\n"
                + "pool_options.maxActive = \"many\"\npool_options.minIdle = -1\npool_options.maxWait = 10\n"
                + "pool_options.defaultAutoCommit = \"yes\"\npool_options.validationQuery = \" \"\n\n"
                + "[[datasource]]\nid = \"c\"\nurl = \"jdbc:h2:mem:c\"\npassword = \"$secret{c_password}\"\n"
                + "username = [\"a\"]\n\n"
                + "[[datasource]]\nid = \"d\"\nurl = \"jdbc:h2:mem:d\"\npool_options = \"big\"\n");
        assertEquals(List.of(
                file + ": [[datasource]] #1: id is missing",
                file + ": [[datasource]] #2 (id=b): url=mysql://h/db?password=***: expected a JDBC URL (jdbc:...)",
                file + ": [[datasource]] #2 (id=b): pool_options.maxActive=many: expected a whole number from 1 "
                        + "to 10000",
                file + ": [[datasource]] #2 (id=b): pool_options.minIdle=-1: expected a whole number from 0 to 10000",
                file + ": [[datasource]] #2 (id=b): pool_options.maxWait=10: expected a whole number of "
                        + "milliseconds from 250 to 2147483647",
                file + ": [[datasource]] #2 (id=b): pool_options.defaultAutoCommit=yes: expected true or false",
                file + ": [[datasource]] #2 (id=b): pool_options.validationQuery must be an SQL query, e.g. SELECT 1",
                file + ": [[datasource]] #3 (id=c): username must be a single value, not a table or an array",
                file + ": [[datasource]] #3 (id=c): password=$secret{c_password}: " + file + " has no entry "
                        + "'c_password' in its [secrets] table; add c_password = \"[the password]\" there and run IS's "
                        + "cipher tool on this file (bin/ciphertool.sh -Dconfigure)",
                file + ": [[datasource]] #4 (id=d): pool_options must be a table, e.g. pool_options.maxActive = "
                        + "\"50\""), problems);
    }

    @Test
    void datasourceMustBeAnArrayOfTables() throws Exception {
        String file = dir.resolve("deployment.toml").toString();
        assertEquals(List.of(file + ": datasource must be written as [[datasource]] blocks, one per database"),
                problems("[datasource]\nid = \"x\"\nurl = \"jdbc:h2:mem:x\"\n"));
        assertEquals(List.of(file + ": datasource #1 is not a table: write each datasource as a [[datasource]] "
                + "block"), problems("datasource = [\"x\"]\n"));
    }

    @Test
    void unreadableFilesAreOneLine() throws Exception {
        Path missing = dir.resolve("nope.toml");
        assertEquals(List.of("datasources=" + missing.toAbsolutePath() + ": file not found"),
                assertThrows(ConfigurationException.class, () -> DeploymentToml.read(missing)).getProblems());
        assertEquals(List.of("datasources=" + dir.toAbsolutePath() + ": is a directory, expected an IS "
                + "deployment.toml file"),
                assertThrows(ConfigurationException.class, () -> DeploymentToml.read(dir)).getProblems());
        Path latin1 = dir.resolve("latin1.toml");
        Files.write(latin1, "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("datasources=" + latin1.toAbsolutePath() + ": cannot be read (not UTF-8 text)"),
                assertThrows(ConfigurationException.class, () -> DeploymentToml.read(latin1)).getProblems());
    }

    @Test
    void masksPasswordsInAnyText() throws Exception {
        DataSourceDefinition d = DeploymentToml.read(write("[[datasource]]\nid = \"s\"\n"
                + "url = \"jdbc:h2:mem:s;PASSWORD=In-Url\"\npassword = \"Plain-Pw\"\n")).get(0);
        assertEquals("refused jdbc:h2:mem:s;PASSWORD=***; user sa, password ***",
                d.mask("refused jdbc:h2:mem:s;PASSWORD=In-Url; user sa, password Plain-Pw"));
        assertEquals("url jdbc:h2:mem:s", d.describe());
    }

    @Test
    void unsafeOptionsAndForeignDriversAreRefusedUnlessTheBlockAllowsThem() throws Exception {
        String blocks = "[[datasource]]\nid = \"pg\"\nurl = \"jdbc:postgresql://db/is?sslfactory=x.Evil&"
                + "%73ocketFactory=y.Evil&allowLoadLocalInfile=false\"\ndriver = \"org.h2.Driver\"\n"
                + "[[datasource]]\nid = \"my\"\nurl = \"jdbc:mysql://db/is?autoDeserialize=true\"\n";
        assertEquals(List.of(dir.resolve("deployment.toml") + ": [[datasource]] #1 (id=pg): url options sslfactory, "
                + "%73ocketFactory are refused: such options make the driver run SQL, load a class, read or write a "
                + "local file, or print row values; remove them, or set allowUnsafeJdbcOptions = true in this block "
                + "if you have checked them",
                dir.resolve("deployment.toml") + ": [[datasource]] #1 (id=pg): driver=org.h2.Driver is not the "
                + "driver of a jdbc:postgresql: url; expected org.postgresql.Driver (or remove driver to let the url "
                + "choose one)",
                dir.resolve("deployment.toml") + ": [[datasource]] #2 (id=my): url option autoDeserialize is refused: "
                + "such options make the driver run SQL, load a class, read or write a local file, or print row "
                + "values; remove it, or set allowUnsafeJdbcOptions = true in this block if you have checked it"),
                problems(blocks));
        List<DataSourceDefinition> allowed = DeploymentToml.read(write(blocks.replace("[[datasource]]\nid = \"my\"",
                "allowUnsafeJdbcOptions = true\n[[datasource]]\nid = \"my\"").replace("autoDeserialize=true",
                "autoDeserialize=false")));
        assertEquals(2, allowed.size());
        // pgjdbc is told to keep row values out of its messages
        assertEquals("false", allowed.get(0).toHikariConfig().getDataSourceProperties()
                .getProperty("logServerErrorDetail"));
        assertNull(allowed.get(1).driverProperties().getProperty("logServerErrorDetail"));
    }

    @Test
    void aPasswordOthersCanReadIsWarnedAbout() throws Exception {
        Path file = write("[[datasource]]\nid = \"s\"\nurl = \"jdbc:h2:mem:s\"\npassword = \"Pw-Readable-1\"\n");
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-r--r--"));
        String warning = DeploymentToml.readableByOthers(file, DeploymentToml.read(file));
        assertEquals("datasources=" + file.toAbsolutePath() + " is readable by every local user (rw-r--r--) and "
                + "holds the password of s in plain text: run chmod 600 " + file.toAbsolutePath(), warning);
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-------"));
        assertNull(DeploymentToml.readableByOthers(file, DeploymentToml.read(file)));
    }
}
