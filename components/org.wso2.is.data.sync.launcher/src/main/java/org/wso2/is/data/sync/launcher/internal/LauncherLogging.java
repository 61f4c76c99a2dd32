/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private LauncherLogging() {
    }

    /**
     * Creates the log directory (owner-only, 0700, where the file system has POSIX permissions) and (re)reads the
     * log configuration for it; syn.log is created 0600 by the configuration, an existing one is made 0600.
     *
     * @return the log file
     * @throws IOException when the directory cannot be created or written
     */
    public static Path start(Path logDir) throws IOException {
        Path dir = logDir.toAbsolutePath().normalize();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix && !Files.exists(dir)) {
            // the log names the databases and their users: a new directory is the operator's alone
            createOwnerOnly(dir);
        }
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "not writable");
        }
        Path log = dir.resolve(LOG_FILE_NAME);
        if (posix && Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
            // a syn.log of an earlier version may have been created 0644
            Files.setPosixFilePermissions(log, OWNER_FILE);
        }
        System.setProperty(LOG_DIR_PROPERTY, dir.toString());
        // An operator's own -Dlog4j2.configurationFile (in JAVA_OPTS) wins over the one in the jar.
        if (System.getProperty(CONFIGURATION_FILE_PROPERTY) == null) {
            System.setProperty(CONFIGURATION_FILE_PROPERTY, CONFIGURATION);
        }
        // Re-read even when log4j2 is already running (several runs in one JVM): the directory is resolved when
        // the configuration is read.
        LoggerContext.getContext(false).reconfigure();
        return log;
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null && !Files.exists(parent)) {
            createOwnerOnly(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile: used as it is
        }
    }
}
