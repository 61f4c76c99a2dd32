/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.wso2.is.data.sync.config.ConfigurationException;

/**
 * The job asked of an IS server through {@code wso2server.sh -D...}, as the original tool read it:
 * {@code -DprepareSync} and {@code -DcleanSync} (each with {@code -DgenerateDDL}), {@code -DsyncData},
 * {@code -DvalidateSync} (with {@code -Drepair}), and {@code -DconfigFile}; with {@code -DsyncData},
 * {@code -DuntilDrained} and {@code -DtakeOver}; and {@code -DresyncTable=T}. A flag set to {@code false} counts
 * as not set.
 */
public final class ServerJobRequest {

    public static final String PREPARE_SYNC = "prepareSync";
    public static final String GENERATE_DDL = "generateDDL";
    public static final String SYNC_DATA = "syncData";
    public static final String VALIDATE_SYNC = "validateSync";
    public static final String CLEAN_SYNC = "cleanSync";
    public static final String CONFIG_FILE = "configFile";
    /** Server-mode twin of the launcher's {@code --until-drained}. */
    public static final String UNTIL_DRAINED = "untilDrained";
    /** Server-mode twin of the launcher's {@code --take-over}. */
    public static final String TAKE_OVER = "takeOver";
    /** Server-mode twin of the launcher's {@code validate --repair}. */
    public static final String REPAIR = "repair";
    /** Server-mode twin of the launcher's {@code resync --table T}: {@code -DresyncTable=T}. */
    public static final String RESYNC_TABLE = "resyncTable";

    private final JobType type;
    private final Path configFile;
    private final JobOptions options;

    private ServerJobRequest(JobType type, Path configFile, JobOptions options) {
        this.type = type;
        this.configFile = configFile;
        this.options = options;
    }

    /**
     * @return the request, or null when no job flag is set (a normal IS start)
     * @throws ConfigurationException when more than one job is asked for
     */
    public static ServerJobRequest from(Properties system) throws ConfigurationException {
        Map<String, JobType> flags = new LinkedHashMap<>();
        flags.put(PREPARE_SYNC, JobType.PREPARE);
        flags.put(SYNC_DATA, JobType.SYNC);
        flags.put(VALIDATE_SYNC, JobType.VALIDATE);
        flags.put(CLEAN_SYNC, JobType.CLEAN);
        flags.put(RESYNC_TABLE, JobType.RESYNC);
        List<String> set = new ArrayList<>();
        for (String flag : flags.keySet()) {
            if (isSet(system, flag)) {
                set.add("-D" + flag);
            }
        }
        if (set.isEmpty()) {
            return null;
        }
        if (set.size() > 1) {
            throw new ConfigurationException(String.join(" and ", set)
                    + " are all set: start the server with one data sync job at a time");
        }
        JobType type = flags.get(set.get(0).substring(2));
        Path ddlDirectory = null;
        if ((type == JobType.PREPARE || type == JobType.CLEAN) && isSet(system, GENERATE_DDL)) {
            type = type == JobType.PREPARE ? JobType.GENERATE_DDL : JobType.GENERATE_CLEAN_DDL;
            String dir = system.getProperty(GENERATE_DDL).trim();
            // -DgenerateDDL alone keeps the original tool's directory; -DgenerateDDL=<dir> chooses another.
            if (!dir.isEmpty() && !"true".equalsIgnoreCase(dir)) {
                ddlDirectory = Paths.get(dir);
            }
        }
        String file = system.getProperty(CONFIG_FILE);
        Path configFile = file == null || file.trim().isEmpty() ? null : Paths.get(file.trim());
        JobOptions options = new JobOptions(ddlDirectory, isSet(system, UNTIL_DRAINED),
                isSet(system, TAKE_OVER));
        if (type == JobType.VALIDATE && isSet(system, REPAIR)) {
            options = options.withRepair();
        }
        if (type == JobType.RESYNC) {
            String table = system.getProperty(RESYNC_TABLE).trim();
            if (table.isEmpty() || "true".equalsIgnoreCase(table)) {
                throw new ConfigurationException("-D" + RESYNC_TABLE + " needs the table whose keys to queue, e.g. -D"
                        + RESYNC_TABLE + "=IDN_OAUTH2_ACCESS_TOKEN");
            }
            options = options.withResyncTable(table);
        }
        return new ServerJobRequest(type, configFile, options);
    }

    private static boolean isSet(Properties system, String flag) {
        String v = system.getProperty(flag);
        return v != null && !"false".equalsIgnoreCase(v.trim());
    }

    public JobType getType() {
        return type;
    }

    /** The {@code -DconfigFile} path, or null when not given. */
    public Path getConfigFile() {
        return configFile;
    }

    public JobOptions getOptions() {
        return options;
    }
}
