/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.job.JobCatalog;

/**
 * Bad sync.properties and deployment.toml files, made by hand and by seeded random mutation of valid ones, run
 * through the launcher in-process. Every run must end with the documented exit code (2 for configuration, 3 for a
 * datasource), one clear message naming what is wrong, no stack trace, no job run (nothing touches a database
 * beyond the connection check), and none of the passwords of the files on any output or in syn.log.
 */
@Tag("reliability")
class BadInputFuzzTest {

    /** Two halves of 8 that no message could hold by chance: a mutated password still has one of them intact. */
    private static final String SOURCE_PASSWORD = "Qz7vSrcK" + "p3Wm9XbT";
    private static final String TARGET_PASSWORD = "Hb3nTgtR" + "w6Lc8YdF";
    /** A wrong password is as secret as a right one: it may be a typo of it, or the password of another system. */
    private static final String WRONG_PASSWORD = "Wr0ngPwd" + "Jx5Kq2Ns";
    private static final List<String> SECRETS = Arrays.asList(SOURCE_PASSWORD.substring(0, 8),
            SOURCE_PASSWORD.substring(8), TARGET_PASSWORD.substring(0, 8), TARGET_PASSWORD.substring(8),
            WRONG_PASSWORD.substring(0, 8), WRONG_PASSWORD.substring(8));
    private static final String[] JOBS = {"sync", "validate", "prepare", "clean"};
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(?m)^\\s+at [\\w$.]+\\(|Exception in thread|^Caused by: |\\.java:\\d+\\)");
    private static final String VALID_PROPERTIES = SyncFixture.VALID_PROPERTIES + "batchSize=100\n"
            + "syncInterval=5000\nprogressInterval=10000\n";
    /** For a mutant: whichever documented exit code it ends with. */
    private static final int ANY_DOCUMENTED = -1;
    private static final String MEGABYTE = String.join("", Collections.nCopies(1 << 20, "A"));

    @TempDir
    Path dir;
    private String sourceUrl;
    private String targetUrl;
    private String validToml;
    private int runs;

    @BeforeEach
    void databases() throws Exception {
        // real H2 databases with passwords; IFEXISTS: a mutated path must not create a new, open database
        SyncFixture dbs = new SyncFixture(Files.createDirectory(dir.resolve("db")));
        sourceUrl = dbs.h2("source", "sa", SOURCE_PASSWORD) + ";IFEXISTS=TRUE";
        targetUrl = dbs.h2("target", "sa", TARGET_PASSWORD) + ";IFEXISTS=TRUE";
        validToml = "[server]\nhostname = \"localhost\"\n\n"
                + SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD)
                + "pool_options.maxActive = \"2\"\n"
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD);
    }

    @Test
    void theValidFilesRunTheJob() throws Exception {
        Outcome run = run("sync", bytes(VALID_PROPERTIES), bytes(validToml));
        assertEquals(0, run.run.exitCode, run.run::toString);
        assertEquals(1, run.jobs.get(), "the job ran");
        assertEquals(Collections.emptyList(), run.secretsShown());
    }

    @Test
    void configurationErrorsExitTwoBeforeAnythingIsTouched() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String key : new String[] {"sourceVersion", "targetVersion", "syncTables", "identitySchema"}) {
            cases.add(props(without(key), key + " is missing"));
            cases.add(props(with(key, ""), key + " is missing"));
        }
        for (String bad : new String[] {"abc", "1.5", "-1", "0", "true", "0x10", "1e3", "100001",
            "99999999999999999999", "9223372036854775808"}) {
            cases.add(props(with("batchSize", bad), "batchSize=" + bad + ": expected a whole number"));
        }
        for (String bad : new String[] {"5s", "99", "3600001", "-5000", "99999999999999999999"}) {
            cases.add(props(with("syncInterval", bad), "syncInterval=" + bad + ": expected"));
        }
        cases.add(props(with("progressInterval", "999"), "progressInterval=999: expected"));
        for (String bad : new String[] {"5.6.0", "5.10.0", "6.0.0", "5.9", "latest", "5.9.0;DROP TABLE T;--"}) {
            cases.add(props(with("sourceVersion", bad), "sourceVersion=" + bad + ": expected one of"));
        }
        for (String bad : new String[] {"5.8.0", "5.7.0", "7.0.0", "5.9.0 /*"}) {
            cases.add(props(with("targetVersion", bad), "targetVersion=" + bad + ": expected one of"));
        }
        for (String bad : new String[] {"IDN_FOO", "IDN_X';DROP TABLE T;--", "IDN_IDENTITY_USER_DATA/*",
            "IDN_IDENTITY_USER_DATA #", "IDN_IDENTITY_USER_DATA;DROP TABLE IDN_OAUTH2_ACCESS_TOKEN",
            "IDN_IDENTITY_USER_DATA --", "\"IDN_IDENTITY_USER_DATA\"", "IDN_IDENTITY_USER_DATA,,",
            "`IDN_IDENTITY_USER_DATA`"}) {
            cases.add(props(with("syncTables", bad), "syncTables=", "unknown table"));
        }
        cases.add(props(with("syncTables", "IDN_OAUTH2_ACCESS_TOKEN"), "must be synced together"));
        for (String bad : new String[] {"jdbc/source", "jdbc/source,jdbc/source", "jdbc/source,jdbc/target,jdbc/x",
            ","}) {
            cases.add(props(with("identitySchema", bad), "identitySchema=" + bad + ": "));
        }
        cases.add(props(VALID_PROPERTIES + "bacthSize=10\n", "bacthSize=10: unknown key"));
        cases.add(props(VALID_PROPERTIES + "SyncTables=IDN_FOO\n", "SyncTables=IDN_FOO: unknown key"));
        cases.add(props(VALID_PROPERTIES + "x';DROP TABLE T;--=1\n", "unknown key"));
        cases.add(props(with("syncTables", "IDN_IDENTITY_USER_DATA\\u00ZZ"), "cannot be read"));
        cases.add(props("", "sourceVersion is missing", "syncTables is missing"));
        // 1 MB values: the problem is reported, and the file's bulk is not what makes it clear
        cases.add(props(with("syncTables", MEGABYTE), "syncTables=", "unknown table"));
        cases.add(props(with("batchSize", MEGABYTE.replace('A', '9')), "batchSize="));
        cases.add(props(with("sourceVersion", MEGABYTE), "sourceVersion="));
        cases.add(props(VALID_PROPERTIES + MEGABYTE + "=1\n", "unknown key"));

        cases.add(toml("[[datasource]]\nid = \"source\"\nurl = \"" + sourceUrl + "\npassword = \"" + SOURCE_PASSWORD
                + "\"\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\nid = \"source\"\npassword = \"" + SOURCE_PASSWORD + "\n", "not valid TOML"));
        cases.add(toml("[[datasource]\nid = \"source\"\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\nid =\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\nid == \"source\"\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\nid = \"so\\qurce\"\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\nid = \"a\"\nid = \"b\"\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\npassword = \"" + SOURCE_PASSWORD + "\"\npassword = \"" + TARGET_PASSWORD
                + "\"\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\nid = \"source\"\nurl = '''" + sourceUrl + "\n", "not valid TOML"));
        cases.add(toml("[[datasource]]\nid = \"source\"\nurl = \"" + sourceUrl + "\"\n/* comment */\n",
                "not valid TOML"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD)
                + "[[datasource]]\nid = \"target\"\nusername = \"sa\"\n",
                "[[datasource]] #2 (id=target): url is missing"));
        cases.add(toml("[[datasource]]\nurl = \"" + sourceUrl + "\"\n", "[[datasource]] #1: id is missing"));
        cases.add(toml(SyncFixture.block("source", "postgres://db:5432/x", "u", SOURCE_PASSWORD),
                "url=postgres://db:5432/x: expected a JDBC URL"));
        cases.add(toml("[[datasource]]\nid = \"source\"\nurl = 42\n", "url=42: expected a JDBC URL"));
        cases.add(toml("[[datasource]]\nid = { a = 1 }\nurl = \"" + sourceUrl + "\"\n", "id must be a single value"));
        cases.add(toml("[[datasource]]\nid = \"source\"\nurl = [\"" + sourceUrl + "\"]\n",
                "url must be a single value"));
        cases.add(toml("[[datasource]]\nid = \"source\"\nurl = \"" + sourceUrl + "\"\npassword = [\""
                + SOURCE_PASSWORD + "\"]\n", "password must be a single value"));
        for (String[] option : new String[][] {{"maxActive", "\"many\""}, {"maxActive", "0"},
            {"maxActive", "99999999999999999999"}, {"minIdle", "-1"}, {"maxWait", "10"},
            {"validationQuery", "\"\""}, {"defaultAutoCommit", "\"maybe\""}}) {
            cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD) + "pool_options."
                    + option[0] + " = " + option[1] + "\n", "pool_options." + option[0]));
        }
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD) + "pool_options = \"x\"\n",
                "pool_options must be a table"));
        cases.add(toml("datasource = \"x\"\n", "must be written as [[datasource]] blocks"));
        cases.add(toml("[datasource]\nid = \"source\"\n", "must be written as [[datasource]] blocks"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD)
                + SyncFixture.block("source", targetUrl, "sa", TARGET_PASSWORD),
                "id 'source' is already used by [[datasource]] #1"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", "$secret{source_pwd}"),
                "password=$secret{source_pwd}: ", "has no entry 'source_pwd' in its [secrets] table"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", "$secret{source_pwd") + "\n[secrets]\n"
                + "source_pwd = \"[" + SOURCE_PASSWORD + "]\"\n", "password: expected $secret{alias}"));
        cases.add(toml(SyncFixture.block("source", MEGABYTE, "sa", SOURCE_PASSWORD), "expected a JDBC URL"));

        Tally tally = new Tally("configuration errors");
        for (Case c : cases) {
            tally.check(c.toString(), run(c), 2, c.fragments);
        }
        tally.check("deployment.toml not UTF-8", run("sync", bytes(VALID_PROPERTIES),
                new byte[] {'i', 'd', ' ', '=', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '\n'}), 2, "not UTF-8");
        tally.check("sync.properties is a directory", runWithConfigDirectory(), 2, "is a directory");
        tally.assertAllHeld();
    }

    @Test
    void datasourceErrorsExitThreeWithoutRunningTheJob() throws Exception {
        int closed = closedPort();
        String host = "127.0.0.1:" + closed;
        List<Case> cases = new ArrayList<>();
        cases.add(props(with("identitySchema", "jdbc/nosuch,jdbc/target"),
                "identitySchema: datasource 'jdbc/nosuch' is not bound"));
        // names that could carry SQL or a line into a log or script are refused as configuration errors
        List<Case> refusedNames = new ArrayList<>();
        refusedNames.add(props(with("identitySchema", "jdbc/src';DROP TABLE T;--,jdbc/target"),
                "datasource name 'jdbc/src';DROP TABLE T;--' may hold only letters"));
        refusedNames.add(props(with("identitySchema", "jdbc/source,jdbc/target#x"),
                "datasource name 'jdbc/target#x' may hold only letters"));
        refusedNames.add(toml(SyncFixture.block("source';DROP TABLE T;--", sourceUrl, "sa", SOURCE_PASSWORD)
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD),
                "id=source';DROP TABLE T;--: may hold only letters"));
        cases.add(toml(SyncFixture.block("source", "jdbc:postgresql://" + host + "/isdb", "wso2", SOURCE_PASSWORD)
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD), host, "refused"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD)
                + SyncFixture.block("target", "jdbc:mariadb://" + host + "/isdb", "wso2", TARGET_PASSWORD),
                "datasource 'jdbc/target'", host, "refused"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", WRONG_PASSWORD)
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD),
                "datasource 'jdbc/source'", "Wrong user name or password"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD)
                + SyncFixture.block("target", targetUrl, "sa", WRONG_PASSWORD),
                "datasource 'jdbc/target'", "Wrong user name or password"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", null)
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD), "Wrong user name or password"));
        cases.add(toml(SyncFixture.block("source", sourceUrl + ";PASSWORD=" + WRONG_PASSWORD, "sa", null)
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD), "Wrong user name or password"));
        cases.add(toml(SyncFixture.block("source", sourceUrl.replace("source;", "nosuch;"), "sa", SOURCE_PASSWORD)
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD), "datasource 'jdbc/source'",
                "not found"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD)
                + "driver = \"com.example.NoSuchDriver\"\nallowUnsafeJdbcOptions = true\n" + SyncFixture.block("target", targetUrl, "sa",
                TARGET_PASSWORD), "com.example.NoSuchDriver is not on the classpath"));
        cases.add(toml(SyncFixture.block("source", sourceUrl, "sa", SOURCE_PASSWORD) + "driver = \"java.lang.String\"\n"
                + "allowUnsafeJdbcOptions = true\n"
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD), "cannot be used as a JDBC driver"));
        cases.add(toml(SyncFixture.block("source", "jdbc:nosuchdb://" + host + "/x", "sa", SOURCE_PASSWORD)
                + SyncFixture.block("target", targetUrl, "sa", TARGET_PASSWORD), "no JDBC driver on the classpath"));

        Tally tally = new Tally("datasource errors");
        for (Case c : cases) {
            tally.check(c.toString(), run(c), 3, c.fragments);
        }
        for (Case c : refusedNames) {
            tally.check(c.toString(), run(c), 2, c.fragments);
        }
        tally.assertAllHeld();
    }

    /**
     * The valid files with random bytes changed, inserted, deleted, lines doubled or the file cut short. A mutant
     * may still be valid (the job runs), or be a configuration or datasource error: any of them must hold.
     */
    @Test
    void randomMutationsOfValidFilesNeverCrashLeakOrRunOnBadInput() throws Exception {
        int mutants = 40 * Integer.getInteger("reliability.rounds", 1);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        Tally tally = new Tally("random mutations (seed " + seed + ")");
        int[] byExit = new int[4];
        // A mutant may drop ";IFEXISTS=TRUE" and garble "file:" into a relative path: H2 then creates a database
        // under the working directory (the module's). That is what H2 does with such a URL; the test cleans it up.
        Path workingDirectory = Paths.get("").toAbsolutePath();
        Set<Path> before = entries(workingDirectory);
        int createdFiles = 0;
        for (int i = 0; i < mutants; i++) {
            boolean mutateToml = random.nextBoolean();
            byte[] properties = bytes(VALID_PROPERTIES);
            byte[] toml = bytes(validToml);
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                if (mutateToml) {
                    toml = mutate(toml, random);
                } else {
                    properties = mutate(properties, random);
                }
            }
            String name = "mutant " + i + " of " + (mutateToml ? "deployment.toml" : "sync.properties");
            Outcome outcome = run(JOBS[i % JOBS.length], properties, toml);
            int exit = outcome.run.exitCode;
            boolean documented = exit == 0 || exit == 2 || exit == 3;
            if (documented) {
                byExit[exit]++;
            }
            tally.check(name, outcome, documented ? exit : ANY_DOCUMENTED);
            for (Path created : entries(workingDirectory)) {
                if (!before.contains(created)) {
                    createdFiles++;
                    deleteRecursively(created);
                }
            }
        }
        System.out.println("[reliability] bad input, random mutations: " + byExit[0] + " still valid (job ran), "
                + byExit[2] + " configuration errors, " + byExit[3] + " datasource errors; " + createdFiles
                + " left a new H2 database under the working directory (removed)");
        tally.assertAllHeld();
    }

    private static Set<Path> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.collect(Collectors.toSet());
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    private static byte[] mutate(byte[] file, Random random) {
        // what breaks parsers and SQL: quotes, separators, comment markers, escapes, brackets, NUL, bad UTF-8
        String[] nasty = {"'", "\"", ";", "#", "/*", "--", "\n", "[", "]", "]]", "=", "\\", "\\u", "\u0000", "{",
            "$secret{", ",", " ", "\r", "\t"};
        List<Byte> bytes = new ArrayList<>();
        for (byte b : file) {
            bytes.add(b);
        }
        int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
        switch (random.nextInt(6)) {
            case 0:
                if (!bytes.isEmpty()) {
                    bytes.set(at, (byte) random.nextInt(256));
                }
                break;
            case 1:
                byte[] token = nasty[random.nextInt(nasty.length)].getBytes(StandardCharsets.UTF_8);
                for (int k = token.length - 1; k >= 0; k--) {
                    bytes.add(at, token[k]);
                }
                break;
            case 2:
                for (int k = 1 + random.nextInt(8); k > 0 && at < bytes.size(); k--) {
                    bytes.remove(at);
                }
                break;
            case 3:
                String text = new String(file, StandardCharsets.ISO_8859_1);
                List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
                int line = random.nextInt(lines.size());
                lines.add(line, lines.get(line));
                return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            case 4:
                return Arrays.copyOf(file, at);
            default:
                if (!bytes.isEmpty()) {
                    bytes.set(at, (byte) (bytes.get(at) ^ (1 << random.nextInt(8))));
                }
        }
        byte[] out = new byte[bytes.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = bytes.get(k);
        }
        return out;
    }

    /** A port nothing listens on: bound by the OS's choice, then closed, so no fixed port can clash. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A bad sync.properties with the valid deployment.toml; the message must hold every fragment. */
    private static Case props(String properties, String... fragments) {
        return new Case(properties, null, fragments);
    }

    /** A bad deployment.toml with the valid sync.properties. */
    private static Case toml(String toml, String... fragments) {
        return new Case(null, toml, fragments);
    }

    /** One hand-made case; null stands for the valid file. */
    private static final class Case {
        private final String properties;
        private final String toml;
        private final String[] fragments;

        Case(String properties, String toml, String[] fragments) {
            this.properties = properties;
            this.toml = toml;
            this.fragments = fragments;
        }

        @Override
        public String toString() {
            return (properties != null ? "sync.properties " + properties : "deployment.toml " + toml)
                    + " -> " + Arrays.toString(fragments);
        }
    }

    private static String without(String key) {
        return VALID_PROPERTIES.replaceAll("(?m)^" + key + "=.*\n", "");
    }

    private static String with(String key, String value) {
        return without(key) + key + "=" + value + "\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the next job of {@link #JOBS}: every job reads the same files first. */
    private Outcome run(Case c) throws IOException {
        return run(JOBS[runs % JOBS.length], bytes(c.properties == null ? VALID_PROPERTIES : c.properties),
                bytes(c.toml == null ? validToml : c.toml));
    }

    /** One run in a directory of its own, so its syn.log holds only its own lines. */
    private Outcome run(String job, byte[] properties, byte[] toml) throws IOException {
        SyncFixture f = new SyncFixture(Files.createDirectory(dir.resolve("run-" + runs++)));
        Files.write(f.config, properties);
        Files.write(f.datasources, toml);
        return run(f, f.args(job));
    }

    private Outcome runWithConfigDirectory() throws IOException {
        SyncFixture f = new SyncFixture(Files.createDirectory(dir.resolve("run-" + runs++)));
        Files.createDirectory(f.config);
        Files.write(f.datasources, bytes(validToml));
        return run(f, f.args("validate"));
    }

    private static Outcome run(SyncFixture f, String[] args) throws IOException {
        AtomicInteger jobs = new AtomicInteger();
        // a stand-in for the engine's jobs: it only counts, so a run that reaches it is seen, and no SQL runs
        JobCatalog catalog = type -> context -> jobs.incrementAndGet();
        LauncherRun run = LauncherRun.with(catalog, args);
        return new Outcome(run, jobs, f.log(), Files.exists(f.logDir));
    }

    /** What one run left: its outputs, whether the job ran, syn.log. */
    private static final class Outcome {
        private final LauncherRun run;
        private final AtomicInteger jobs;
        private final String log;
        private final boolean logDirCreated;

        Outcome(LauncherRun run, AtomicInteger jobs, String log, boolean logDirCreated) {
            this.run = run;
            this.jobs = jobs;
            this.log = log;
            this.logDirCreated = logDirCreated;
        }

        List<String> secretsShown() {
            List<String> shown = new ArrayList<>();
            for (String secret : SECRETS) {
                if (!shown(secret).isEmpty()) {
                    shown.add(shown(secret));
                }
            }
            return shown;
        }

        String shown(String secret) {
            return run.printed().contains(secret) ? secret + " printed" : log.contains(secret) ? secret
                    + " in syn.log" : "";
        }

        /** The ERROR lines of the console, where a datasource failure is reported. */
        List<String> errorLines() {
            List<String> errors = new ArrayList<>();
            for (String line : run.stderr.split("\\R")) {
                if (line.matches("\\d\\d:\\d\\d:\\d\\d ERROR .*")) {
                    errors.add(line);
                }
            }
            return errors;
        }
    }

    /** Counts the cases tried and held, and says, for each that did not, which rule it broke. */
    private static final class Tally {
        private static final int SHOWN = 600;
        private final String what;
        private final List<String> failures = new ArrayList<>();
        private int tried;
        private int held;

        Tally(String what) {
            this.what = what;
        }

        /** @param exit the exit code the case must end with, or {@link #ANY_DOCUMENTED} */
        void check(String name, Outcome o, int exit, String... fragments) {
            tried++;
            List<String> broken = new ArrayList<>();
            LauncherRun run = o.run;
            if (run.exitCode != exit) {
                broken.add("exit " + run.exitCode + ", expected " + (exit == ANY_DOCUMENTED ? "0, 2 or 3" : exit));
            }
            if (STACK_TRACE.matcher(run.printed()).find()) {
                broken.add("a stack trace was printed");
            }
            broken.addAll(o.secretsShown());
            if (o.jobs.get() != (exit == 0 ? 1 : 0)) {
                broken.add("the job ran " + o.jobs.get() + " times");
            }
            String message = "";
            if (exit == 2) {
                message = run.err;
                boolean onlyTheMessage = (run.out + run.stdout + run.stderr).isEmpty();
                if (!run.err.startsWith("Invalid sync configuration") || !onlyTheMessage) {
                    broken.add("not one configuration message");
                }
                if (o.logDirCreated) {
                    broken.add("the log directory was created");
                }
            } else if (exit == 3) {
                List<String> errors = o.errorLines();
                message = String.join("\n", errors);
                if (errors.size() != 1 || !run.err.isEmpty()) {
                    broken.add(errors.size() + " ERROR lines, expected one");
                }
            }
            for (String fragment : fragments) {
                if (!message.contains(fragment)) {
                    broken.add("the message lacks '" + abbreviate(fragment) + "'");
                }
            }
            if (broken.isEmpty()) {
                held++;
            } else {
                failures.add(abbreviate(name) + ": " + String.join("; ", broken) + "\n    output: "
                        + abbreviate(run.toString()));
            }
        }

        void assertAllHeld() {
            System.out.println("[reliability] bad input, " + what + ": tried " + tried + ", held " + held);
            assertTrue(failures.isEmpty(), () -> what + ": " + failures.size() + " of " + tried
                    + " cases did not hold:\n" + String.join("\n", failures));
        }

        private static String abbreviate(String s) {
            String one = s.replace("\n", "\\n");
            return one.length() <= SHOWN ? one : one.substring(0, SHOWN) + "...(" + one.length() + " chars)";
        }
    }
}
