/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: usage, every configuration error, and runs against H2 databases. */
class DataSyncLauncherTest {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;
    private SyncFixture f;

    @BeforeEach
    void setUp() {
        f = new SyncFixture(dir);
    }

    @Test
    void helpNamesEveryJobOptionExitCodeAndTheLog() {
        LauncherRun top = LauncherRun.of("--help");
        assertEquals(0, top.exitCode, top::toString);
        for (String text : new String[] {"prepare", "sync", "validate", "resync", "clean", "demo", "--version",
            "Exit codes:", "  130   stopped by Ctrl-C (SIGINT)", "  143   stopped by SIGTERM", "syn.log", "lib/", "Oracle", "  4     validate found differences",
            "  5     validate found no difference, but changes are still pending"}) {
            assertTrue(top.out.contains(text), () -> "top --help lacks " + text + ":\n" + top.out);
        }
        String[][] jobs = {{"prepare", "--generate-ddl"}, {"sync", "--until-drained"}, {"validate", "--repair"}, {"resync", "--table"},
            {"clean", "--generate-ddl"}};
        for (String[] job : jobs) {
            LauncherRun help = LauncherRun.of(job[0], "--help");
            assertEquals(0, help.exitCode, help::toString);
            for (String text : new String[] {"--config", "--datasources", "--log-dir", "Exit codes:", "syn.log"}) {
                assertTrue(help.out.contains(text), () -> job[0] + " --help lacks " + text + ":\n" + help.out);
            }
            if (job.length > 1) {
                assertTrue(help.out.contains(job[1]), () -> job[0] + " --help lacks " + job[1]);
            }
        }
        LauncherRun demo = LauncherRun.of("demo", "--help");
        assertEquals(0, demo.exitCode, demo::toString);
        assertTrue(demo.out.contains("--transactions") && demo.out.contains("--log-dir"), demo.out);
        assertFalse(LauncherRun.of("validate", "--help").out.contains("--generate-ddl"));
        assertFalse(LauncherRun.of("sync", "--help").out.contains("--generate-ddl"));
    }

    @Test
    void versionNamesTheBuild() {
        LauncherRun run = LauncherRun.of("--version");
        assertEquals(0, run.exitCode);
        assertTrue(Pattern.compile("^data-sync \\d+\\.\\d+\\.\\d+").matcher(run.out).find(), run.out);
    }

    @Test
    void noJobIsBadUsage() {
        LauncherRun run = LauncherRun.of();
        assertEquals(2, run.exitCode);
        assertTrue(run.err.startsWith("Missing the job to run: prepare, sync, validate, resync or clean" + NL), run.err);
    }

    @Test
    void optionsBelongToTheirJob() {
        LauncherRun run = LauncherRun.of(f.args("sync", "--generate-ddl", "ddl"));
        assertEquals(2, run.exitCode);
        assertTrue(run.err.startsWith("Unknown options: '--generate-ddl', 'ddl'"), run.err);
        assertEquals(2, LauncherRun.of(f.args("prepare", "--until-drained")).exitCode);
        assertEquals(2, LauncherRun.of("sync", "--config", "x").exitCode, "--datasources is required");
    }

    @Test
    void missingConfigFile() throws IOException {
        f.toml(SyncFixture.block("source", "jdbc:h2:mem:s", "sa", null));
        assertConfigurationError("Invalid sync configuration: configFile=" + f.config.toAbsolutePath()
                + ": file not found");
    }

    @Test
    void badBatchSize() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES + "batchSize=abc\n").toml("");
        assertConfigurationError("Invalid sync configuration: batchSize=abc: expected a whole number from 1 to 100000");
    }

    @Test
    void unknownTable() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES.replace("syncTables=IDN_IDENTITY_USER_DATA",
                "syncTables=IDN_IDENTITY_USER_DATA,IDN_FOO")).toml("");
        assertConfigurationError("Invalid sync configuration: syncTables=IDN_IDENTITY_USER_DATA,IDN_FOO: unknown "
                + "table 'IDN_FOO'; supported tables: IDN_IDENTITY_USER_DATA, IDN_OAUTH2_ACCESS_TOKEN, "
                + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE, IDN_OAUTH2_AUTHORIZATION_CODE");
    }

    @Test
    void badIdentitySchema() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES.replace("identitySchema=jdbc/source,jdbc/target",
                "identitySchema=jdbc/source")).toml("");
        assertConfigurationError("Invalid sync configuration: identitySchema=jdbc/source: expected <source "
                + "datasource>,<target datasource>, e.g. jdbc/source,jdbc/target");
    }

    @Test
    void tomlBlockWithoutUrl() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES).toml(SyncFixture.block("source", "jdbc:h2:mem:s", "sa", null)
                + "[[datasource]]\nid = \"target\"\nusername = \"sa\"\n");
        assertConfigurationError("Invalid sync configuration: " + f.datasources
                + ": [[datasource]] #2 (id=target): url is missing");
    }

    @Test
    void tomlDuplicateId() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES).toml(SyncFixture.block("source", "jdbc:h2:mem:s", "sa", null)
                + SyncFixture.block("source", "jdbc:h2:mem:t", "sa", null));
        assertConfigurationError("Invalid sync configuration: " + f.datasources
                + ": [[datasource]] #2 (id=source): id 'source' is already used by [[datasource]] #1");
    }

    @Test
    void tomlSyntaxErrorSaysWhere() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES).toml("[[datasource]]\nid = \"source\"\nurl = jdbc\n");
        assertConfigurationError("Invalid sync configuration: " + f.datasources
                + ": not valid TOML at line 3, column 7: Unknown token");
    }

    @Test
    void missingDeploymentToml() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES);
        assertConfigurationError("Invalid sync configuration: datasources=" + f.datasources.toAbsolutePath()
                + ": file not found");
    }

    @Test
    void problemsOfBothFilesComeTogether() throws IOException {
        f.properties(SyncFixture.VALID_PROPERTIES + "batchSize=0\n")
                .toml("[[datasource]]\nid = \"source\"\n");
        assertConfigurationError("Invalid sync configuration (2 problems):" + NL
                + "  - batchSize=0: expected a whole number from 1 to 100000" + NL
                + "  - " + f.datasources + ": [[datasource]] #1 (id=source): url is missing");
    }

    @Test
    void unwritableLogDirIsBadUsage() throws Exception {
        f.properties(SyncFixture.VALID_PROPERTIES).toml(SyncFixture.block("source", "jdbc:h2:mem:s", "sa", null));
        Files.createFile(f.logDir);
        LauncherRun run = LauncherRun.of(f.args("validate"));
        assertEquals(2, run.exitCode, run::toString);
        assertTrue(run.err.startsWith("Cannot write the log: --log-dir=" + f.logDir.toAbsolutePath() + ": "),
                run.err);
    }

    @Test
    void unknownDatasourceListsTheBoundOnes() throws Exception {
        f.properties(SyncFixture.VALID_PROPERTIES.replace("jdbc/source,", "jdbc/nosuch,"))
                .toml(SyncFixture.block("source", "jdbc:h2:mem:unknown-s", "sa", null)
                        + SyncFixture.block("target", "jdbc:h2:mem:unknown-t", "sa", null));
        LauncherRun run = LauncherRun.of(f.args("validate"));
        assertEquals(3, run.exitCode, run::toString);
        String message = "identitySchema: datasource 'jdbc/nosuch' is not bound; bound datasources: "
                + "source (jdbc/source), target (jdbc/target)";
        assertTrue(run.stderr.contains(message), run::toString);
        assertTrue(f.log().contains(message), f.log());
    }

    @Test
    void runAgainstTwoH2DatabasesResolvesBothAndEndsWithTheJobOutcome() throws Exception {
        String source = f.h2("source", "sa", "Src-Pass-4711");
        String target = f.h2("target", "sa", "Tgt-Pass-4712");
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml("[server]\nhostname = \"localhost\"\n\n"
                        + SyncFixture.block("source", source, "sa", "Src-Pass-4711")
                        + "pool_options.maxActive = \"3\"\npool_options.testOnBorrow = true\n"
                        + SyncFixture.block("target", target, "sa", "Tgt-Pass-4712"));

        LauncherRun run = LauncherRun.of(f.args("prepare"));

        String log = f.log();
        assertTrue(log.contains("The source database 'jdbc/source' is H2 "), log);
        assertTrue(log.contains("The target database 'jdbc/target' is H2 "), log);
        // the job's outcome decides: this test holds before and after real jobs arrive
        int expected = log.contains("Job prepare completed") ? 0 : 1;
        assertEquals(expected, run.exitCode, run::toString);
        assertTrue(run.stdout.contains("The source database 'jdbc/source' is H2 "), "progress on the console");
        assertTrue(log.contains("Datasource 'source': pool_options.testOnBorrow ignored"), log);
        assertNoSecret(run, "Src-Pass-4711", "Tgt-Pass-4712");
        assertEquals(1, SyncFixture.sessions(source, "sa", "Src-Pass-4711"), "the pools are closed");
        assertEquals(1, SyncFixture.sessions(target, "sa", "Tgt-Pass-4712"), "the pools are closed");
    }

    @Test
    void eachRunLogsIntoItsOwnLogDir() throws Exception {
        f.properties(SyncFixture.VALID_PROPERTIES.replace("jdbc/source,", "jdbc/first,")).toml("");
        LauncherRun first = LauncherRun.of(f.args("validate"));
        SyncFixture other = new SyncFixture(Files.createDirectory(dir.resolve("other")));
        other.properties(SyncFixture.VALID_PROPERTIES.replace("jdbc/source,", "jdbc/second,")).toml("");
        LauncherRun second = LauncherRun.of(other.args("validate"));

        assertEquals(3, first.exitCode, first::toString);
        assertEquals(3, second.exitCode, second::toString);
        assertTrue(f.log().contains("'jdbc/first'") && !f.log().contains("'jdbc/second'"), f.log());
        assertTrue(other.log().contains("'jdbc/second'") && !other.log().contains("'jdbc/first'"), other.log());
    }

    @Test
    void wrongPasswordInTheTomlIsNeverPrinted() throws Exception {
        String source = f.h2("source", "sa", "Right-Pass-1");
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml(SyncFixture.block("source", source, "sa", "Wrong-Pass-2")
                        + SyncFixture.block("target", "jdbc:h2:mem:never-opened", "sa", null));
        LauncherRun run = LauncherRun.of(f.args("sync"));
        assertEquals(3, run.exitCode, run::toString);
        assertTrue(run.stderr.contains("cannot connect to datasource 'jdbc/source' (url " + source
                + ", user sa): Wrong user name or password [28000-232] (SQLState 28000)"), run::toString);
        assertNoSecret(run, "Wrong-Pass-2", "Right-Pass-1");
    }

    @Test
    void wrongPasswordInTheUrlIsNeverPrinted() throws Exception {
        String source = f.h2("source", "sa", "Src-Pass-3");
        String target = f.h2("target", "sa", "Tgt-Pass-4");
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml(SyncFixture.block("source", source + ";PASSWORD=Src-Pass-3", "sa", null)
                        + SyncFixture.block("target", target + ";PASSWORD=Url-Wrong-5", "sa", null));
        LauncherRun run = LauncherRun.of(f.args("sync"));
        assertEquals(3, run.exitCode, run::toString);
        assertTrue(f.log().contains("The source database 'jdbc/source' is H2 "), f.log());
        // the URL is named by scheme, host, port and database only
        assertTrue(run.stderr.contains("cannot connect to datasource 'jdbc/target' (url " + target
                + ", user sa): Wrong user name or password"), run::toString);
        assertNoSecret(run, "Src-Pass-3", "Url-Wrong-5", "Tgt-Pass-4");
    }

    @Test
    void aUrlTheDriverEchoesIsMasked() throws Exception {
        // H2 repeats the whole URL when it rejects a relative path
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml(SyncFixture.block("source", "jdbc:h2:file:relative/db;PASSWORD=Echoed-Pass-6", "sa", null)
                        + SyncFixture.block("target", "jdbc:h2:mem:never-opened", "sa", null));
        LauncherRun run = LauncherRun.of(f.args("clean"));
        assertEquals(3, run.exitCode, run::toString);
        assertTrue(run.stderr.contains("A file path that is implicitly relative"), run::toString);
        assertNoSecret(run, "Echoed-Pass-6");
    }

    @Test
    void aDriverThatRejectsTheUrlIsReportedWithoutThePassword() throws Exception {
        f.properties(SyncFixture.VALID_PROPERTIES)
                .toml(SyncFixture.block("source", "jdbc:postgresql://db.invalid:5432/x?password=Pg-Pass-7", "u",
                        "Toml-Pass-8") + "driver = \"org.h2.Driver\"\nallowUnsafeJdbcOptions = true\n"
                        + SyncFixture.block("target", "jdbc:nosuchdb://db.invalid/x;password=No-Pass-9", "u", null));
        LauncherRun run = LauncherRun.of(f.args("validate"));
        assertEquals(3, run.exitCode, run::toString);
        assertTrue(run.stderr.contains("driver org.h2.Driver does not accept this url"), run::toString);
        assertNoSecret(run, "Pg-Pass-7", "Toml-Pass-8");

        f.properties(SyncFixture.VALID_PROPERTIES.replace("jdbc/source,jdbc/target", "jdbc/target,jdbc/source"));
        LauncherRun other = LauncherRun.of(f.args("validate"));
        assertEquals(3, other.exitCode, other::toString);
        assertTrue(other.stderr.contains("no JDBC driver on the classpath accepts this url"), other::toString);
        assertNoSecret(other, "No-Pass-9");
    }

    private void assertConfigurationError(String message) throws IOException {
        LauncherRun run = LauncherRun.of(f.args("sync"));
        assertEquals(2, run.exitCode, run::toString);
        assertEquals(message + NL, run.err);
        assertEquals("", run.out + run.stdout + run.stderr);
        assertFalse(Files.exists(f.logDir), "nothing is created for a configuration error");
    }

    private void assertNoSecret(LauncherRun run, String... secrets) throws IOException {
        String log = f.log();
        for (String secret : secrets) {
            assertFalse(run.printed().contains(secret), () -> "printed " + secret + ":\n" + run);
            assertFalse(log.contains(secret), () -> "syn.log holds " + secret + ":\n" + log);
        }
    }
}
