/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.h2.jdbcx.JdbcDataSource;
import org.wso2.is.data.sync.config.ConfigurationException;
import org.wso2.is.data.sync.config.ConfigurationLoader;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.JdbcUrls;
import org.wso2.is.data.sync.demo.Demo;
import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobCatalog;
import org.wso2.is.data.sync.job.JobOptions;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.Verdict;
import org.wso2.is.data.sync.launcher.internal.LauncherLogging;
import org.wso2.is.data.sync.launcher.internal.StopOnSignal;
import org.wso2.is.data.sync.launcher.internal.TomlDataSourceProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code data-sync} command: runs one job of the engine outside IS, with the datasources of an IS
 * {@code deployment.toml}. Only {@link #main(String[])} exits the JVM; everything else returns an exit code, so
 * tests run the command in-process.
 */
@Command(name = "data-sync", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = DataSyncLauncher.Version.class,
        subcommands = {DataSyncLauncher.Prepare.class, DataSyncLauncher.Sync.class, DataSyncLauncher.Validate.class,
            DataSyncLauncher.Resync.class, DataSyncLauncher.Clean.class, FreezeRules.class,
            DataSyncLauncher.DemoCommand.class},
        synopsisSubcommandLabel = "(prepare | sync | validate | resync | clean | freeze-rules | demo)",
        description = {
            "Keeps the identity data of a new WSO2 Identity Server deployment (the target database) in step "
                    + "with the old one (the source database) while the old one still serves users: zero-downtime "
                    + "(blue-green) migration.",
            "The window, in order (docs/operator-guide.md): prepare (capture on the source); freeze the other "
                    + "endpoints of the old IS (freeze-rules); the DBA dumps the source without the SYN_* capture "
                    + "objects and restores it as the target; the IS migration client migrates the target; sync, from "
                    + "then until the cut-over; validate (with --repair, or resync for a whole table, when it finds "
                    + "differences); cut-over: stop logins on the old IS, drain (sync --until-drained), validate until "
                    + "exit code 0, switch the load balancer; clean.",
            "Capture (captureMode in sync.properties): triggers (the default: a journal table and triggers per "
                    + "synced table on the source) or log (PostgreSQL 10+ with wal_level = logical, MySQL 5.7+ and "
                    + "MariaDB 10.x with binlog_format = ROW: no trigger and no journal on the source; prepare "
                    + "creates a publication and a logical replication slot on PostgreSQL, the one-row table "
                    + "SYN_LOG_START with the binary log position on MySQL/MariaDB; sync reads the source's change "
                    + "log and keeps its journals on the target; the log lag is in each progress report, with a "
                    + "warning above logLagWarnMb).",
            "'demo' shows prepare, sync, the drain and validate on two embedded H2 databases in about 15 "
                    + "seconds."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            DataSyncLauncher.EXIT_SUCCEEDED + ":the job completed; for validate: every synced table is identical and "
                    + "no change is pending (ready for the cut-over)",
            DataSyncLauncher.EXIT_JOB_FAILED + ":the job failed; the last ERROR line (console and syn.log) says why",
            DataSyncLauncher.EXIT_USAGE + ":bad usage or bad configuration (sync.properties, deployment.toml, "
                    + "--log-dir); nothing was touched",
            DataSyncLauncher.EXIT_DATASOURCE + ":a datasource could not be found or connected",
            DataSyncLauncher.EXIT_DIFFERENCES + ":validate found differences (exact counts and the first keys in the "
                    + "log); NOT ready for the cut-over",
            DataSyncLauncher.EXIT_PENDING + ":validate found no difference, but changes are still pending in the "
                    + "journals; NOT ready for the cut-over: drain (sync --until-drained) and validate again",
            DataSyncLauncher.EXIT_FREEZE_DRIFT + ":validate found freeze drift: a table the endpoint freeze protects "
                    + "(users, roles, OAuth apps, IdPs, tenants, service providers) changed on the source since the "
                    + "dump (the tables are in the log); NO-GO until those changes are made again on the new IS",
            DataSyncLauncher.EXIT_SIGINT + ":stopped by Ctrl-C (SIGINT); the work in flight was committed or "
                    + "rolled back",
            DataSyncLauncher.EXIT_SIGTERM + ":stopped by SIGTERM (e.g. systemctl stop; a service manager should "
                    + "count it as success); the work in flight was committed or rolled back"},
        footerHeading = "%n",
        footer = {
            "Log: <log-dir>/syn.log (default logs/syn.log under the working directory), INFO and above, rolled "
                    + "at 10 MB. Progress is also printed: INFO on stdout, warnings and errors on stderr.",
            "JDBC drivers: H2, PostgreSQL and MariaDB drivers are included. For Oracle, SQL Server, DB2 or MySQL "
                    + "(Connector/J), copy the vendor's driver jar into the lib/ directory of the distribution: "
                    + "bin/data-sync puts lib/* on the classpath.",
            "Environment (bin/data-sync): JAVA_HOME (Java 11 or later), JAVA_OPTS (e.g. -Xmx1g; -DbatchSize=500 "
                    + "sets a sync.properties key the file leaves out)."})
public final class DataSyncLauncher implements Runnable {

    public static final int EXIT_SUCCEEDED = 0;
    public static final int EXIT_JOB_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DATASOURCE = 3;
    public static final int EXIT_DIFFERENCES = 4;
    public static final int EXIT_PENDING = 5;
    public static final int EXIT_FREEZE_DRIFT = 6;
    public static final int EXIT_SIGINT = StopOnSignal.EXIT_SIGINT;
    public static final int EXIT_SIGTERM = StopOnSignal.EXIT_SIGTERM;

    /** {@code JobOptions.DEFAULT_DDL_DIRECTORY} (the original tool's), as the constant an annotation needs. */
    static final String DEFAULT_DDL_DIRECTORY = "dbscripts/sync-tool";

    private final JobCatalog jobs;

    @Spec
    private CommandSpec spec;

    DataSyncLauncher(JobCatalog jobs) {
        this.jobs = jobs;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new EngineJobs()).execute(args));
    }

    /** The command line as {@link #main(String[])} runs it, with the jobs of {@code jobs}. */
    static CommandLine commandLine(JobCatalog jobs) {
        CommandLine cl = new CommandLine(new DataSyncLauncher(jobs));
        // A bug must not print a stack trace whose messages could hold a JDBC URL with a password.
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("data-sync: unexpected error: " + JdbcUrls.redact(String.valueOf(e)));
            return EXIT_JOB_FAILED;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing the job to run: prepare, sync, validate, resync or clean");
    }

    /** {@code prepare}, or with {@code --generate-ddl} the DDL it would run. */
    @Command(name = "prepare", description = {
        "Creates the change capture on the source database (a journal table and triggers per synced table); "
                + "nothing is created on the target. With captureMode = log: no trigger and no journal, but a "
                + "publication and a logical replication slot (PostgreSQL: after checks of wal_level, free slots "
                + "and the REPLICATION attribute) or the table SYN_LOG_START with the binary log position "
                + "(MySQL/MariaDB: after checks of log_bin, binlog_format = ROW and the REPLICATION SLAVE/CLIENT "
                + "grants), each problem with its fix.",
        "With --generate-ddl it changes nothing: it writes that DDL into files for a DBA to review and run."})
    static final class Prepare implements Callable<Integer> {
        @ParentCommand
        private DataSyncLauncher launcher;
        @Mixin
        private CommonOptions common;
        @Mixin
        private GenerateDdlOption ddl;

        @Override
        public Integer call() {
            return launcher.execute(ddl.wanted() ? JobType.GENERATE_DDL : JobType.PREPARE, common, ddl.options());
        }
    }

    @Command(name = "sync", description = {
        "Copies the changes captured on the source database into the target database, in transactions of up "
                + "to batchSize journal entries per table, one right after the other while changes are pending; it "
                + "sleeps syncInterval ms only when a read finds nothing. Runs until stopped with Ctrl-C or SIGTERM "
                + "(exit code 130), or with --until-drained until nothing is pending (exit code 0).",
        "One sync at a time per target: a second one refuses to start (exit code 1) and names the one that "
                + "holds the target."})
    static final class Sync implements Callable<Integer> {
        @ParentCommand
        private DataSyncLauncher launcher;
        @Mixin
        private CommonOptions common;
        @Option(names = "--until-drained",
                description = "End, with exit code 0, once every captured change has been applied.")
        private boolean untilDrained;
        @Option(names = "--take-over", description = {
            "Take the target from another sync that holds it and cannot be stopped (without this, sync refuses to "
                    + "start while another one holds the target, and names it). The other sync then commits "
                    + "nothing more there and ends with an ERROR."})
        private boolean takeOver;
        @Option(names = "--exclude-app", paramLabel = "CONSUMER_KEY", description = {
            "A test application on the new IS (repeatable; also excludedApps in sync.properties, or "
                    + "-DexcludedApps): sync never touches its rows on the target, and refuses, naming it, a change "
                    + "that needs one of its unique values."})
        private List<String> excludedApps = new ArrayList<>();

        @Override
        public Integer call() {
            return launcher.execute(JobType.SYNC, common, new JobOptions(null, untilDrained, takeOver),
                    excludedApps);
        }
    }

    @Command(name = "validate", description = {
        "Compares every row of the synced tables of the source and target databases before the cut-over and "
                + "reports the differences: exact counts of missing, extra and different rows, and the first keys.",
        "Exit code 0 only when every table is identical and no change is pending; 4 when rows differ; 5 when "
                + "nothing differs but changes still wait in the journals; 6 when a table the endpoint freeze "
                + "protects (users, roles, OAuth apps, IdPs, tenants, service providers) changed since the dump."})
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        private DataSyncLauncher launcher;
        @Mixin
        private CommonOptions common;
        @Option(names = "--repair", description = "Also queue every differing, missing or extra key for sync (a "
                + "journal entry on the source): the running sync, or the next sync --until-drained, brings each "
                + "key to its current source state. Needs the capture (prepare).")
        private boolean repair;
        @Option(names = "--exclude-app", paramLabel = "CONSUMER_KEY", description = {
            "A test application on the new IS (repeatable; also excludedApps in sync.properties, or "
                    + "-DexcludedApps): its tokens, scopes and codes, and its app and service provider rows, are "
                    + "left out of the comparison on both sides."})
        private List<String> excludedApps = new ArrayList<>();

        @Override
        public Integer call() {
            JobOptions options = JobOptions.defaults();
            return launcher.execute(JobType.VALIDATE, common, repair ? options.withRepair() : options,
                    excludedApps);
        }
    }

    @Command(name = "resync", description = {
        "Queues every key of one synced table for sync, with one INSERT ... SELECT into the table's journal on "
                + "the source: the running sync, or the next sync --until-drained, copies the whole table again. "
                + "For a table whose rows or capture were lost on the way. Needs the capture (prepare)."})
    static final class Resync implements Callable<Integer> {
        @ParentCommand
        private DataSyncLauncher launcher;
        @Mixin
        private CommonOptions common;
        @Option(names = "--table", required = true, paramLabel = "TABLE",
                description = "The synced table, e.g. IDN_OAUTH2_ACCESS_TOKEN (its scopes come with each token).")
        private String table;

        @Override
        public Integer call() {
            return launcher.execute(JobType.RESYNC, common, JobOptions.defaults().withResyncTable(table));
        }
    }

    /** {@code clean}, or with {@code --generate-ddl} the DDL it would run. */
    @Command(name = "clean", description = {
        "Removes everything prepare created, on both databases, once the migration is over (with log capture "
                + "also the replication slot and the publication, or SYN_LOG_START, on the source, and the journals "
                + "on the target).",
        "With --generate-ddl it changes nothing: it writes that DDL into files for a DBA to review and run."})
    static final class Clean implements Callable<Integer> {
        @ParentCommand
        private DataSyncLauncher launcher;
        @Mixin
        private CommonOptions common;
        @Mixin
        private GenerateDdlOption ddl;

        @Override
        public Integer call() {
            return launcher.execute(ddl.wanted() ? JobType.GENERATE_CLEAN_DDL : JobType.CLEAN, common, ddl.options());
        }
    }

    @Command(name = "demo", description = {
        "Shows the whole flow in about 15 seconds, on two in-memory H2 databases and nothing else: an IS 5.8.0 "
                + "source and an IS 5.9.0 target; prepare; simulated IS traffic (tokens issued, refreshed, revoked "
                + "and deleted; authorization codes; user claims) while sync runs and reports progress; a drain; "
                + "and the validation an operator runs before the cut-over. Exit code 0 when the validation finds "
                + "no difference."})
    static final class DemoCommand implements Callable<Integer> {
        @ParentCommand
        private DataSyncLauncher launcher;
        @Option(names = "--transactions", paramLabel = "N", defaultValue = "400",
                description = "Transactions each of the 4 simulated IS writers sends (default: ${DEFAULT-VALUE}).")
        private int transactions;
        @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "logs",
                description = "Where syn.log is written (default: ${DEFAULT-VALUE} under the working directory).")
        private Path logDir;

        @Override
        public Integer call() throws Exception {
            if (transactions < 1) {
                throw new ParameterException(launcher.spec.commandLine(), "--transactions=" + transactions
                        + ": expected a whole number of at least 1");
            }
            try {
                LauncherLogging.start(logDir);
            } catch (IOException e) {
                launcher.spec.commandLine().getErr().println("Cannot write the log: --log-dir="
                        + logDir.toAbsolutePath() + ": " + e);
                return EXIT_USAGE;
            }
            String run = Long.toString(System.nanoTime(), 36);
            JobOutcome outcome = new Demo(transactions).run(h2("demo_source_" + run), h2("demo_target_" + run));
            return exitCode(outcome);
        }

        private static DataSource h2(String name) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            return ds;
        }
    }

    private int execute(JobType type, CommonOptions common, JobOptions options) {
        return execute(type, common, options, new ArrayList<>());
    }

    private int execute(JobType type, CommonOptions common, JobOptions options, List<String> excludedApps) {
        PrintWriter err = spec.commandLine().getErr();
        // Both files are checked, and every problem reported, before anything is created or connected.
        List<String> problems = new ArrayList<>();
        SyncConfiguration configuration = null;
        TomlDataSourceProvider dataSources = null;
        try {
            configuration = ConfigurationLoader.load(common.config, System.getProperties());
        } catch (ConfigurationException e) {
            problems.addAll(e.getProblems());
        }
        try {
            dataSources = TomlDataSourceProvider.load(common.datasources, common.carbonHome);
        } catch (ConfigurationException e) {
            problems.addAll(e.getProblems());
        }
        for (String app : excludedApps) {
            if (app.trim().isEmpty()) {
                problems.add("--exclude-app='" + app + "': expected the consumer key of a test application");
            }
        }
        if (!problems.isEmpty()) {
            err.println(new ConfigurationException(problems).getMessage());
            return EXIT_USAGE;
        }
        if (!excludedApps.isEmpty()) {
            configuration = configuration.withExcludedApps(excludedApps);
        }
        Path logFile;
        try {
            logFile = LauncherLogging.start(common.logDir);
        } catch (IOException e) {
            err.println("Cannot write the log: --log-dir=" + common.logDir.toAbsolutePath() + ": " + e);
            return EXIT_USAGE;
        }
        Logger log = LogManager.getLogger(DataSyncLauncher.class);
        log.info("data-sync {} {}: logging to {}", Version.number(), type, logFile);
        for (String warning : dataSources.getWarnings()) {
            log.warn(warning);
        }

        StopOnSignal signals = null;
        try {
            JobOutcome outcome;
            try (TomlDataSourceProvider ds = dataSources) {
                JobRunner runner = new JobRunner(type, configuration, ds, options, jobs);
                signals = StopOnSignal.install(runner);
                runner.start();
                outcome = await(runner);
            }
            int code = outcome == null || outcome.getStatus() == JobOutcome.Status.STOPPED
                    ? signals.stopExitCode() : exitCode(outcome);
            log.info("data-sync {} ends with exit code {}", type, code);
            return code;
        } finally {
            if (signals != null) {
                signals.close();
            }
        }
    }

    /** @return the outcome, or null when this thread was interrupted and the job was stopped */
    private static JobOutcome await(JobRunner runner) {
        try {
            return runner.await(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                runner.stop(StopOnSignal.STOP_TIMEOUT_MILLIS);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    static int exitCode(JobOutcome outcome) {
        if (outcome == null || outcome.getStatus() == JobOutcome.Status.STOPPED) {
            // stopped from outside; the launcher's own runs tell SIGINT from SIGTERM (StopOnSignal)
            return EXIT_SIGTERM;
        }
        if (outcome.getStatus() == JobOutcome.Status.SUCCEEDED) {
            return EXIT_SUCCEEDED;
        }
        if (outcome.getVerdict() == Verdict.DIFFERENCES) {
            return EXIT_DIFFERENCES;
        }
        if (outcome.getVerdict() == Verdict.PENDING) {
            return EXIT_PENDING;
        }
        if (outcome.getVerdict() == Verdict.FREEZE_DRIFT) {
            return EXIT_FREEZE_DRIFT;
        }
        return outcome.getFailure() instanceof DataSourceLookupException ? EXIT_DATASOURCE : EXIT_JOB_FAILED;
    }

    /** {@code --generate-ddl [DIR]} of prepare and clean: write the statements instead of running them. */
    static final class GenerateDdlOption {

        @Option(names = "--generate-ddl", arity = "0..1", paramLabel = "DIR", fallbackValue = DEFAULT_DDL_DIRECTORY,
                description = "Write the DDL into DIR (default: ${FALLBACK-VALUE} under the working directory) "
                        + "instead of running it.")
        private Path directory;

        boolean wanted() {
            return directory != null;
        }

        JobOptions options() {
            return new JobOptions(directory, false);
        }
    }

    /** The options every job takes. */
    static final class CommonOptions {

        @Option(names = "--config", required = true, paramLabel = "FILE", description = {
            "The sync.properties file: sourceVersion, targetVersion, syncTables and identitySchema (the source "
                    + "and target datasources, e.g. jdbc/source,jdbc/target); optional batchSize, syncInterval, "
                    + "progressInterval. A key the file leaves out may be given as a -D system property."})
        Path config;

        @Option(names = "--datasources", required = true, paramLabel = "FILE", description = {
            "An IS deployment.toml. Its [[datasource]] blocks (id, url, username, password, driver, pool_options) "
                    + "are read, with [secrets] and [keystore.primary] for $secret{alias} values (see "
                    + "--carbon-home); the rest of the file is ignored. identitySchema names a datasource by its id X "
                    + "or as jdbc/X. Pool options maxActive, minIdle, maxWait, validationQuery and "
                    + "defaultAutoCommit are used; others are ignored with a warning."})
        Path datasources;

        @Option(names = "--carbon-home", paramLabel = "DIR", description = {
            "The IS pack whose primary keystore decrypts $secret{alias} values of the deployment.toml ([secrets], "
                    + "encrypted by IS's ciphertool.sh). Default: the directory above repository/conf when the "
                    + "deployment.toml lies there. The keystore password comes from DATA_SYNC_KEYSTORE_PASSWORD, "
                    + "else the first line of <carbon-home>/password-tmp or password-persist (read, never deleted), "
                    + "else it is asked on the terminal; never give it on the command line."})
        Path carbonHome;

        @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "logs", description = {
            "Where syn.log is written; created if missing. Default: ${DEFAULT-VALUE} under the working directory."})
        Path logDir;
    }

    /** {@code --version}: the build's version and the Java runtime it runs on. */
    static final class Version implements IVersionProvider {

        private static final String RESOURCE = "version.properties";

        static String number() {
            Properties p = new Properties();
            try (InputStream in = DataSyncLauncher.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // an unreadable resource only costs the version string
            }
            return p.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() {
            return new String[] {"data-sync " + number(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
