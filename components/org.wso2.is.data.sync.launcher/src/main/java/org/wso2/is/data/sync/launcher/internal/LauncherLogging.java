/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.logging.log4j.core.LoggerContext;

/**
 * Starts log4j2 with the configuration inside the launcher jar, writing {@code <log dir>/syn.log}. Nothing may
 * log before {@link #start(Path)}: the directory comes from the command line.
 */
public final class LauncherLogging {

    /** Read by {@code log4j2-data-sync.xml} as {@code ${sys:data.sync.log.dir}}. */
    static final String LOG_DIR_PROPERTY = "data.sync.log.dir";
    static final String LOG_FILE_NAME = "syn.log";
    static final String CONFIGURATION = "log4j2-data-sync.xml";
    private static final String CONFIGURATION_FILE_PROPERTY = "log4j2.configurationFile";

    private LauncherLogging() {
    }

    /**
     * Creates the log directory and (re)reads the log configuration for it.
     *
     * @return the log file
     * @throws IOException when the directory cannot be created or written
     */
    public static Path start(Path logDir) throws IOException {
        Path dir = logDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "not writable");
        }
        System.setProperty(LOG_DIR_PROPERTY, dir.toString());
        // An operator's own -Dlog4j2.configurationFile (in JAVA_OPTS) wins over the one in the jar.
        if (System.getProperty(CONFIGURATION_FILE_PROPERTY) == null) {
            System.setProperty(CONFIGURATION_FILE_PROPERTY, CONFIGURATION);
        }
        // Re-read even when log4j2 is already running (several runs in one JVM): the directory is resolved when
        // the configuration is read.
        LoggerContext.getContext(false).reconfigure();
        return dir.resolve(LOG_FILE_NAME);
    }
}
