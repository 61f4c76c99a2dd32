/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;

/**
 * Files only their owner can read or replace: generated scripts are run by a DBA on the production databases and
 * logs hold the tool's view of them, so another local user must neither read them nor swap them. A directory is
 * accepted only when it is not a symbolic link, is owned by the user running the tool and is writable by no one
 * else; a new one is created 0700; files are written 0600 into a temporary file moved into place, so a reader sees
 * the old file or the whole new one, and a link planted in the file's place is refused, never followed. On a file
 * system without POSIX permissions (Windows) only the link and owner checks apply.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} (and missing parents) owner-only, or checks an existing one.
     *
     * @param what how the directory is named in the error, e.g. {@code --generate-ddl}
     * @throws IOException naming the directory and what is wrong with it; nothing was changed then
     */
    public static Path directory(Path dir, String what) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            if (isPosix(d)) {
                createDirectories(d);
            } else {
                Files.createDirectories(d);
            }
        }
        check(d, what);
        return d;
    }

    private static void createDirectories(Path d) throws IOException {
        Path parent = d.getParent();
        if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(d, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile, by someone: check() decides whether it can be used
        }
    }

    private static void check(Path d, String what) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(d, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (basic.isSymbolicLink()) {
            throw new IOException(what + "=" + d + " is a symbolic link; give the real directory (links are not "
                    + "followed: whoever may change the link could point it elsewhere)");
        }
        if (!basic.isDirectory()) {
            throw new IOException(what + "=" + d + " is not a directory");
        }
        UserPrincipal owner = Files.getOwner(d, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = d.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!owner.equals(me)) {
            throw new IOException(what + "=" + d + " is owned by " + owner.getName() + ", not by "
                    + me.getName() + " who runs the tool; use a directory of your own (e.g. mkdir -m 700 "
                    + "~/data-sync-ddl)");
        }
        if (isPosix(d)) {
            Set<PosixFilePermission> p = Files.readAttributes(d, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).permissions();
            if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(what + "=" + d + " is writable by " + (p.contains(
                        PosixFilePermission.OTHERS_WRITE) ? "others" : "its group") + " ("
                        + PosixFilePermissions.toString(p) + "), who could replace the files; run chmod 700 " + d
                        + " or use a directory of your own");
            }
        }
    }

    /** Refuses {@code file} when it is a link or not a regular file; a missing file is fine. */
    public static void checkReplaceable(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            throw new IOException(file + " is a symbolic link; remove it (links are not followed)");
        }
        if (!a.isRegularFile()) {
            throw new IOException(file + " is not a regular file");
        }
    }

    /**
     * Writes {@code lines} to {@code file} in a checked directory: into a 0600 temporary file next to it, moved
     * into place atomically (a link in the file's place is replaced, never followed).
     */
    public static void write(Path file, List<String> lines) throws IOException {
        checkReplaceable(file);
        Path dir = file.getParent();
        Path tmp = isPosix(dir)
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerFile())
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerFile() {
        return PosixFilePermissions.asFileAttribute(OWNER_FILE);
    }

    private static boolean isPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
