/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * --generate-ddl writes only into a directory of the operator's that no one else can write, never through a link,
 * and a refusal touches nothing: a local user must not be able to swap the script a DBA runs.
 */
class GeneratedDdlFilesIT {

    private static final String VICTIM_TEXT = "the operator's own file\n";

    @TempDir
    Path home;

    private TestDatabase source;
    private TestDatabase target;
    private SyncConfiguration config;

    @BeforeEach
    void databases() throws Exception {
        source = TestDatabase.create(DatabaseKind.H2);
        target = TestDatabase.create(DatabaseKind.H2);
        IsSchema.create(source, "5.9.0");
        IsSchema.create(target, "5.9.0");
        config = Jobs.config("5.9.0", "5.9.0", "IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE");
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    @Test
    void aNewDirectoryIsCreatedOwnerOnlyAndTheScriptsAre0600() throws Exception {
        Path dir = home.resolve("ddl").resolve("sync");
        Jobs.run(JobType.GENERATE_DDL, config, source.dataSource(), target.dataSource(), dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())));
        assertEquals(Arrays.asList("identity_source.sql", "identity_target.sql"), names(dir));
        for (String f : names(dir)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))));
        }
        // a second run replaces the files (through a temporary file, none left behind)
        Jobs.run(JobType.GENERATE_DDL, config, source.dataSource(), target.dataSource(), dir);
        assertEquals(Arrays.asList("identity_source.sql", "identity_target.sql"), names(dir));
    }

    @Test
    void aLinkPlantedInTheScriptsPlaceIsRefusedAndNothingIsWritten() throws Exception {
        Path dir = Files.createDirectory(home.resolve("ddl"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path victim = Files.write(home.resolve("victim.txt"), VICTIM_TEXT.getBytes(StandardCharsets.UTF_8));
        Path link = Files.createSymbolicLink(dir.resolve("identity_target.sql"), victim);
        JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.GENERATE_DDL, config,
                source.dataSource(), target.dataSource(), dir));
        assertEquals("no script was written: " + link + " is a symbolic link; remove it (links are not followed)",
                e.getMessage());
        assertEquals(VICTIM_TEXT, new String(Files.readAllBytes(victim), StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Collections.singletonList("identity_target.sql"), names(dir));
    }

    @Test
    void aLinkedDirectoryIsRefused() throws Exception {
        Path real = Files.createDirectory(home.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(home.resolve("ddl"), real);
        JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.GENERATE_DDL, config,
                source.dataSource(), target.dataSource(), link));
        assertTrue(e.getMessage().startsWith("no script was written: --generate-ddl=" + link
                + " is a symbolic link;"), e.getMessage());
        assertEquals(Collections.emptyList(), names(real));
    }

    @Test
    void aGroupWritableDirectoryIsRefusedAndNothingIsWritten() throws Exception {
        Path dir = Files.createDirectory(home.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
        JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.GENERATE_DDL, config,
                source.dataSource(), target.dataSource(), dir));
        assertEquals("no script was written: --generate-ddl=" + dir + " is writable by its group (rwxrwx---), who "
                + "could replace the files; run chmod 700 " + dir + " or use a directory of your own", e.getMessage());
        assertEquals(Collections.emptyList(), names(dir));
        assertEquals("rwxrwx---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        Path dir = Files.createDirectory(home.resolve("theirs"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        UserPrincipal other;
        try {
            other = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(dir, other);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("giving a directory to another user needs root: " + e);
            return;
        }
        JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.GENERATE_DDL, config,
                source.dataSource(), target.dataSource(), dir));
        assertTrue(e.getMessage().startsWith("no script was written: --generate-ddl=" + dir + " is owned by nobody, "
                + "not by "), e.getMessage());
        assertEquals(Collections.emptyList(), names(dir));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
