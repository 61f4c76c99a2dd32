/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.VendorClient;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;

/** Scripts of generate DDL, run by the vendor's client, create and remove exactly what the jobs do. */
class GeneratedDdlIT {

    @TempDir
    Path dir;

    @OnEachDatabase
    void scriptsRunByTheVendorClientMatchTheExecutingMode(DatabaseKind kind) throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", CaptureIT.ALL_TABLES);
        try (TestDatabase executed = TestDatabase.create(kind); TestDatabase scripted = TestDatabase.create(kind);
             TestDatabase target = TestDatabase.create(kind)) {
            IsSchema.create(executed, "5.9.0");
            IsSchema.create(scripted, "5.9.0");
            IsSchema.create(target, "5.9.0");
            Set<String> pristine = Catalog.snapshot(scripted);
            Jobs.run(JobType.PREPARE, config, executed.dataSource(), target.dataSource(), null);

            Jobs.run(JobType.GENERATE_DDL, config, scripted.dataSource(), target.dataSource(), dir);
            assertEquals(pristine, Catalog.snapshot(scripted), "generating DDL must run none of it");
            Path source = dir.resolve("identity_source.sql");
            Path targetScript = dir.resolve("identity_target.sql");
            assertTrue(Files.readAllLines(source, StandardCharsets.UTF_8).get(1)
                    .startsWith("-- Run on the source database 'src' ("), source.toString());
            assertTrue(new String(Files.readAllBytes(targetScript), StandardCharsets.UTF_8)
                    .contains("-- Nothing to create on the target"));

            if (kind == DatabaseKind.MARIADB) {
                assertEquals(3, scopeTriggerLocks(source), "each scope trigger is created holding the token table");
            }
            VendorClient.run(scripted, source);
            assertEquals(Catalog.snapshot(executed), Catalog.snapshot(scripted));
            CaptureIT.exec(scripted, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, "
                    + "DATA_VALUE) VALUES (3, 'carol', 'k', 'v')");
            assertEquals(Arrays.asList("I[3, carol, k]"), CaptureIT.journal(scripted,
                    SyncTable.IDN_IDENTITY_USER_DATA));

            Jobs.run(JobType.GENERATE_CLEAN_DDL, config, scripted.dataSource(), target.dataSource(), dir);
            Path clean = dir.resolve("identity_source_clean.sql");
            if (kind == DatabaseKind.MARIADB) {
                assertEquals(3, scopeTriggerLocks(clean), "each scope trigger is dropped holding the token table");
            }
            VendorClient.run(scripted, clean);
            assertEquals(pristine, Catalog.snapshot(scripted));
            // Twice: objects already gone are skipped, the script still runs to its end.
            VendorClient.run(scripted, clean);
            // The target's clean script also drops the owner table a sync created there.
            Set<String> targetBefore = Catalog.snapshot(target);
            try (Connection c = target.dataSource().getConnection()) {
                CaptureIT.exec(target, Dialects.forConnection(c).ownerTable().getCreateSql());
            }
            VendorClient.run(target, dir.resolve("identity_target_clean.sql"));
            assertEquals(targetBefore, Catalog.snapshot(target));
            assertEquals(pristine, Catalog.snapshot(scripted));
        }
    }

    /**
     * How many statements on a scope trigger the script runs between exactly the lock prepare takes (token table
     * first) and its release, checked line by line.
     */
    private static int scopeTriggerLocks(Path script) throws java.io.IOException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        int locked = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("LOCK TABLES IDN_OAUTH2_ACCESS_TOKEN WRITE, IDN_OAUTH2_ACCESS_TOKEN_SCOPE WRITE")) {
                assertEquals("//", lines.get(i + 1));
                assertTrue(lines.get(i + 2).matches("(CREATE DEFINER = CURRENT_USER|DROP) TRIGGER (IF EXISTS )?"
                        + "SYN_T_TOKEN_SCOPE_[IUD].*"), lines.get(i + 2));
                int end = lines.subList(i, lines.size()).indexOf("UNLOCK TABLES");
                assertTrue(end > 0 && lines.get(i + end + 1).equals("//"), script.toString());
                locked++;
            }
        }
        assertEquals(locked, Collections.frequency(lines, "UNLOCK TABLES"));
        return locked;
    }

    /**
     * psql stops at the first failing statement (the script sets ON_ERROR_STOP, the client is run without it) and
     * PostgreSQL undoes the whole script; the mariadb client stops there too, leaving what came before.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aScriptStopsAtItsFirstFailingStatement(DatabaseKind kind) throws Exception {
        SyncConfiguration config = Jobs.config("5.9.0", "5.9.0", "IDN_IDENTITY_USER_DATA,IDN_OAUTH2_AUTHORIZATION_CODE");
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase target = TestDatabase.create(kind)) {
            IsSchema.create(src, "5.9.0");
            Jobs.run(JobType.GENERATE_DDL, config, src.dataSource(), target.dataSource(), dir);
            // A foreign object holding the second journal's name makes its CREATE TABLE fail.
            CaptureIT.exec(src, "CREATE VIEW SYN_J_AUTHZ_CODE AS SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN_SCOPE");
            Set<String> before = Catalog.snapshot(src);
            Exception e = assertThrows(java.io.IOException.class,
                    () -> VendorClient.run(src, dir.resolve("identity_source.sql")));
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("syn_j_authz_code"), e.getMessage());
            Set<String> after = Catalog.snapshot(src);
            if (kind == DatabaseKind.POSTGRESQL) {
                assertEquals(before, after);
            } else {
                after.removeAll(before);
                assertTrue(after.stream().anyMatch(o -> o.startsWith("TRIGGER SYN_T_USER_DATA")), after.toString());
                assertTrue(after.stream().noneMatch(o -> o.contains("AUTHZ_CODE")), after.toString());
            }
        }
    }
}
