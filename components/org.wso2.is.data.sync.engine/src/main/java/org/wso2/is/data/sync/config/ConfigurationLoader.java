/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.wso2.is.data.sync.schema.FreezeTables;
import org.wso2.is.data.sync.safetext.LogText;

/**
 * Reads {@code sync.properties} the way the original tool did: every key may also come from a {@code -D} system
 * property of the same name, which is used when the file does not set the key. All problems are collected and
 * reported together; nothing here touches a database.
 */
public final class ConfigurationLoader {

    public static final String SOURCE_VERSION = "sourceVersion";
    public static final String TARGET_VERSION = "targetVersion";
    public static final String BATCH_SIZE = "batchSize";
    public static final String SYNC_INTERVAL = "syncInterval";
    public static final String PROGRESS_INTERVAL = "progressInterval";
    public static final String SYNC_TABLES = "syncTables";
    /**
     * A datasource name as it may appear in identitySchema: it is copied into logs, errors and the headers of
     * generated scripts, so nothing that could start a new line or close a comment.
     */
    static final Pattern DATASOURCE_NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,128}");
    public static final String IDENTITY_SCHEMA = "identitySchema";
    public static final String NETWORK_TIMEOUT = "networkTimeout";
    public static final String QUERY_TIMEOUT = "queryTimeout";
    public static final String DDL_LOCK_TIMEOUT = "ddlLockTimeout";
    public static final String DDL_RETRY_TIME = "ddlRetryTime";
    /** The protected tables validate compares for freeze drift; {@code none} for none. */
    public static final String FREEZE_TABLES = "freezeTables";
    /** Consumer keys of the test applications validate ignores and sync leaves alone on the target. */
    public static final String EXCLUDED_APPS = "excludedApps";
    /** {@code triggers} (the default) or {@code log}: see {@link CaptureMode}. */
    public static final String CAPTURE_MODE = "captureMode";
    /** In log mode, the log the source keeps for the sync (MB) above which each progress report warns. */
    public static final String LOG_LAG_WARN_MB = "logLagWarnMb";

    static final int DEFAULT_BATCH_SIZE = 100;
    static final int MAX_BATCH_SIZE = 100_000;
    static final long DEFAULT_SYNC_INTERVAL = 5_000;
    static final long MIN_INTERVAL = 100;
    static final long MAX_INTERVAL = 3_600_000;
    static final long DEFAULT_PROGRESS_INTERVAL = 10_000;
    static final long MIN_PROGRESS_INTERVAL = 1_000;
    /**
     * A minute without a byte from the server: long past any answer a healthy database gives to the tool's
     * statements (each is one batch, or one fetch of a streamed scan), short enough that a dead network is told
     * within two minutes.
     */
    static final long DEFAULT_NETWORK_TIMEOUT = 60_000;
    static final long MIN_NETWORK_TIMEOUT = 2_000;
    /** JDBC counts query timeouts in whole seconds. */
    static final long MIN_QUERY_TIMEOUT = 1_000;
    /** How long one capture DDL may wait for a lock, and so how long IS writes may queue behind it. */
    static final long DEFAULT_DDL_LOCK_TIMEOUT = 2_000;
    static final long MIN_DDL_LOCK_TIMEOUT = 100;
    static final long MAX_DDL_LOCK_TIMEOUT = 60_000;
    /** How long prepare and clean go on retrying a DDL that timed out on a lock. */
    static final long DEFAULT_DDL_RETRY_TIME = 30_000;
    /** 1 GiB of retained log: hours of IS traffic, well before a source disk is at risk. */
    static final long DEFAULT_LOG_LAG_WARN_MB = 1024;
    static final long MAX_LOG_LAG_WARN_MB = 1L << 30;
    /** Longer values are cut in messages: one clear line, not a megabyte echoed back. */
    private static final int MAX_SHOWN = 200;

    private static final List<String> KEYS = Arrays.asList(SOURCE_VERSION, TARGET_VERSION, BATCH_SIZE,
            SYNC_INTERVAL, PROGRESS_INTERVAL, SYNC_TABLES, IDENTITY_SCHEMA, NETWORK_TIMEOUT, QUERY_TIMEOUT,
            DDL_LOCK_TIMEOUT, DDL_RETRY_TIME, FREEZE_TABLES, EXCLUDED_APPS, CAPTURE_MODE, LOG_LAG_WARN_MB);
    /** Keys the original tool read for other databases; accepted so its files still load, but not used. */
    private static final List<String> IGNORED_UPSTREAM_KEYS = Arrays.asList("umSchema", "regSchema", "consentSchema");
    private static final String SCHEMA_EXAMPLE = "expected <source datasource>,<target datasource>, "
            + "e.g. jdbc/source,jdbc/target";

    private ConfigurationLoader() {
    }

    /**
     * Loads the configuration file, falling back to system properties for keys it does not set.
     *
     * @param configFile the {@code sync.properties} file, or null to take every key from system properties
     * @param systemProperties the {@code -D} properties to fall back to
     */
    public static SyncConfiguration load(Path configFile, Properties systemProperties) throws ConfigurationException {
        if (configFile == null && KEYS.stream().noneMatch(k -> systemProperties.getProperty(k) != null)) {
            throw new ConfigurationException("configFile is not set: give the path of sync.properties, "
                    + "e.g. -DconfigFile=/opt/sync/sync.properties");
        }
        Properties file = configFile == null ? new Properties() : read(configFile);
        return fromProperties(file, systemProperties);
    }

    /** Reads a properties file as UTF-8; any failure is one line naming the file and the reason. */
    static Properties read(Path configFile) throws ConfigurationException {
        String where = "configFile=" + configFile.toAbsolutePath() + ": ";
        if (Files.isDirectory(configFile)) {
            throw new ConfigurationException(where + "is a directory, expected a sync.properties file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(where + "file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(where + "cannot be read (permission denied)");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(where + "cannot be read (" + e.getMessage() + ")");
        }
        return p;
    }

    /** Checks {@code file} (falling back to {@code system} per key) and builds the configuration. */
    public static SyncConfiguration fromProperties(Properties file, Properties system) throws ConfigurationException {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            if (IGNORED_UPSTREAM_KEYS.contains(key)) {
                warnings.add(key + " is ignored: this tool syncs only the identity tables of identitySchema");
            } else if (!KEYS.contains(key)) {
                problems.add(shown(key) + "=" + shown(file.getProperty(key).trim()) + ": unknown key; known keys: "
                        + String.join(", ", KEYS));
            }
        }
        Values values = new Values(file, system);

        ProductVersion source = version(values, SOURCE_VERSION, ProductVersion.sourceLabels(), true, problems);
        ProductVersion target = version(values, TARGET_VERSION, ProductVersion.targetLabels(), false, problems);
        int batchSize = (int) number(values, BATCH_SIZE, DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE,
                "a whole number", problems);
        long syncInterval = number(values, SYNC_INTERVAL, DEFAULT_SYNC_INTERVAL, MIN_INTERVAL, MAX_INTERVAL,
                "a whole number of milliseconds", problems);
        long progressInterval = number(values, PROGRESS_INTERVAL, DEFAULT_PROGRESS_INTERVAL, MIN_PROGRESS_INTERVAL,
                MAX_INTERVAL, "a whole number of milliseconds", problems);
        long networkTimeout = number(values, NETWORK_TIMEOUT, DEFAULT_NETWORK_TIMEOUT, MIN_NETWORK_TIMEOUT,
                MAX_INTERVAL, "a whole number of milliseconds", problems);
        // By default half the network timeout: a statement stuck on a lock is cancelled before its connection is cut.
        long queryTimeout = number(values, QUERY_TIMEOUT, networkTimeout / 2, MIN_QUERY_TIMEOUT, MAX_INTERVAL,
                "a whole number of milliseconds", problems);
        if (queryTimeout >= networkTimeout) {
            // The driver cancels a statement over the connection's own server: with the connection cut first, the
            // statement may run on in the server.
            problems.add(QUERY_TIMEOUT + "=" + shown(values.get(QUERY_TIMEOUT)) + ": expected less than "
                    + NETWORK_TIMEOUT + " (" + networkTimeout + " ms), so a stuck statement is cancelled before its "
                    + "connection is cut");
        }
        long ddlLockTimeout = number(values, DDL_LOCK_TIMEOUT, DEFAULT_DDL_LOCK_TIMEOUT, MIN_DDL_LOCK_TIMEOUT,
                MAX_DDL_LOCK_TIMEOUT, "a whole number of milliseconds", problems);
        long ddlRetryTime = number(values, DDL_RETRY_TIME, DEFAULT_DDL_RETRY_TIME, 0, MAX_INTERVAL,
                "a whole number of milliseconds", problems);
        List<SyncTable> tables = tables(values, problems);
        String[] schema = identitySchema(values, problems);
        List<String> freezeTables = freezeTables(values, problems);
        List<String> excludedApps = excludedApps(values, problems);
        CaptureMode captureMode = captureMode(values, problems);
        long logLagWarnMb = number(values, LOG_LAG_WARN_MB, DEFAULT_LOG_LAG_WARN_MB, 1, MAX_LOG_LAG_WARN_MB,
                "a whole number of megabytes", problems);

        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new SyncConfiguration(source, target, batchSize, syncInterval, progressInterval, tables,
                schema[0], schema[1], networkTimeout, queryTimeout, warnings, ddlLockTimeout, ddlRetryTime,
                freezeTables, excludedApps, captureMode, logLagWarnMb);
    }

    private static CaptureMode captureMode(Values values, List<String> problems) {
        String raw = values.get(CAPTURE_MODE);
        if (raw == null) {
            return CaptureMode.TRIGGERS;
        }
        CaptureMode mode = CaptureMode.fromLabel(raw);
        if (mode == null) {
            problems.add(CAPTURE_MODE + "=" + shown(raw) + ": expected triggers (journals filled by triggers on the "
                    + "source) or log (the source's own change log; PostgreSQL, MySQL and MariaDB)");
            return CaptureMode.TRIGGERS;
        }
        return mode;
    }

    private static ProductVersion version(Values values, String key, List<String> allowed, boolean sourceSide,
                                          List<String> problems) {
        String raw = values.get(key);
        String expected = "expected one of " + String.join(", ", allowed);
        if (raw == null) {
            problems.add(key + " is missing: " + expected);
            return null;
        }
        ProductVersion v = ProductVersion.fromLabel(raw);
        if (v == null || !(sourceSide ? v.isSupportedSource() : v.isSupportedTarget())) {
            problems.add(key + "=" + shown(raw) + ": " + expected);
            return null;
        }
        return v;
    }

    private static long number(Values values, String key, long dflt, long min, long max, String what,
                               List<String> problems) {
        String raw = values.get(key);
        if (raw == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            n = min - 1;
        }
        if (n < min || n > max) {
            problems.add(key + "=" + shown(raw) + ": expected " + what + " from " + min + " to " + max);
            return dflt;
        }
        return n;
    }

    private static List<SyncTable> tables(Values values, List<String> problems) {
        String raw = values.get(SYNC_TABLES);
        String supported = String.join(", ", SyncTable.names());
        if (raw == null) {
            problems.add(SYNC_TABLES + " is missing: expected a comma-separated list of " + supported);
            return new ArrayList<>();
        }
        Set<SyncTable> tables = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : raw.split(",", -1)) {
            SyncTable t = SyncTable.fromName(name);
            if (t == null) {
                unknown.add("'" + shown(name.trim()) + "'");
            } else {
                tables.add(t);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(SYNC_TABLES + "=" + shown(raw) + ": unknown table" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; supported tables: " + supported);
        } else if (tables.contains(SyncTable.IDN_OAUTH2_ACCESS_TOKEN)
                != tables.contains(SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE)) {
            // A token without its scopes is unusable on the target, and a scope without its token breaks the FK.
            problems.add(SYNC_TABLES + "=" + shown(raw) + ": " + SyncTable.IDN_OAUTH2_ACCESS_TOKEN + " and "
                    + SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE + " must be synced together");
        }
        return new ArrayList<>(tables);
    }

    /** The freeze tables named, in the order of {@link FreezeTables}; null when the key is not set (all). */
    private static List<String> freezeTables(Values values, List<String> problems) {
        String raw = values.get(FREEZE_TABLES);
        if (raw == null) {
            return null;
        }
        if ("none".equalsIgnoreCase(raw)) {
            return new ArrayList<>();
        }
        Set<String> tables = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : raw.split(",", -1)) {
            FreezeTables.Table t = FreezeTables.fromName(name);
            if (t == null) {
                unknown.add("'" + shown(name.trim()) + "'");
            } else {
                tables.add(t.getName());
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(FREEZE_TABLES + "=" + shown(raw) + ": unknown table" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; expected none, or a comma-separated list of "
                    + String.join(", ", FreezeTables.names()));
        }
        return new ArrayList<>(tables);
    }

    private static List<String> excludedApps(Values values, List<String> problems) {
        String raw = values.get(EXCLUDED_APPS);
        Set<String> keys = new LinkedHashSet<>();
        if (raw == null) {
            return new ArrayList<>(keys);
        }
        for (String key : raw.split(",", -1)) {
            if (key.trim().isEmpty()) {
                problems.add(EXCLUDED_APPS + "=" + shown(raw) + ": an empty consumer key; expected the consumer keys "
                        + "of the test applications, comma-separated");
                break;
            }
            keys.add(key.trim());
        }
        return new ArrayList<>(keys);
    }

    private static String[] identitySchema(Values values, List<String> problems) {
        String raw = values.get(IDENTITY_SCHEMA);
        if (raw == null) {
            problems.add(IDENTITY_SCHEMA + " is missing: " + SCHEMA_EXAMPLE);
            return new String[2];
        }
        String[] parts = raw.split(",", -1);
        if (parts.length != 2 || parts[0].trim().isEmpty() || parts[1].trim().isEmpty()) {
            problems.add(IDENTITY_SCHEMA + "=" + shown(raw) + ": " + SCHEMA_EXAMPLE);
            return new String[2];
        }
        String source = parts[0].trim();
        String target = parts[1].trim();
        for (String name : new String[] {source, target}) {
            if (!DATASOURCE_NAME.matcher(name).matches()) {
                problems.add(IDENTITY_SCHEMA + "=" + shown(raw) + ": datasource name '" + shown(name) + "' may hold "
                        + "only letters, digits and _ . - / : (up to 128 characters)");
                return new String[2];
            }
        }
        if (source.equals(target)) {
            problems.add(IDENTITY_SCHEMA + "=" + shown(raw) + ": source and target must be two different datasources");
        }
        return new String[] {source, target};
    }

    /**
     * A value as messages show it: on one line (a line break is written \\n), whole up to 200 characters, else its
     * start and its length.
     */
    public static String shown(String value) {
        return LogText.oneLine(value.length() <= MAX_SHOWN ? value
                : value.substring(0, MAX_SHOWN) + "... (" + value.length() + " characters)");
    }

    /** A key's value from the file, else from the system properties; blank counts as not set. */
    private static final class Values {
        private final Properties file;
        private final Properties system;

        Values(Properties file, Properties system) {
            this.file = file;
            this.system = system;
        }

        String get(String key) {
            String v = file.getProperty(key);
            if (v == null || v.trim().isEmpty()) {
                v = system.getProperty(key);
            }
            return v == null || v.trim().isEmpty() ? null : v.trim();
        }
    }
}
