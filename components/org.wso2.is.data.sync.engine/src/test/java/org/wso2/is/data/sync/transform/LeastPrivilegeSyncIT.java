/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mariadb.jdbc.MariaDbDataSource;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.dialect.mysql.MySqlDialect;
import org.wso2.is.data.sync.job.JobException;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Writers;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.EmbeddedDatabases;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * The two accounts of docs/operator-guide.md, "Accounts and grants", on MariaDB, with exactly the grants given there
 * and no database-wide one: the DBA's account, holding its privileges on the named tables only, prepares the
 * capture and creates SYN_OWNER; the sync account, which may read and delete journal entries and read the IS
 * tables and IDP on the source and write the four tables on the target, drains a live IS 5.7.0 workload into IS
 * 5.9.0 (the source whose rows need IDP for the 5.8.0 step), to the documented migration of every source row;
 * validate passes as the sync account; clean as the DBA's account. Here, in the transform package, because the
 * expected target is the documented migration of the source.
 */
class LeastPrivilegeSyncIT {

    private static final ProductVersion SOURCE = ProductVersion.V5_7_0;
    private static final ProductVersion TARGET = ProductVersion.V5_9_0;
    private static final String SUFFIX = Long.toHexString(System.nanoTime());
    private static final String DDL_USER = "lp_ddl_" + SUFFIX;
    private static final String SYNC_USER = "lp_sync_" + SUFFIX;
    private static final String PASSWORD = "Lp-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    @Test
    @Timeout(180)
    void theDbaAccountWithTableGrantsPreparesAndTheSyncAccountDrainsALiveWorkload() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.MARIADB)) {
            IsSchema.create(src, SOURCE.label());
            IsSchema.create(tgt, TARGET.label());
            StepChainSyncIT.constrainAsMigrated(tgt, SOURCE, TARGET);
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            TenantDataSet.createIdps(src.dataSource(), SOURCE);
            TenantDataSet.createIdps(tgt.dataSource(), TARGET);
            try {
                admin("CREATE USER '" + DDL_USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                        "CREATE USER '" + SYNC_USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
                admin(dbaGrants(src.name(), tgt.name()).toArray(new String[0]));
                DataSource ddlSrc = login(src, DDL_USER);
                DataSource ddlTgt = login(tgt, DDL_USER);
                SyncConfiguration config = Jobs.config(SOURCE.label(), TARGET.label(), SyncIT.ALL_TABLES,
                        "batchSize=40", "syncInterval=200");

                Jobs.run(JobType.PREPARE, config, ddlSrc, ddlTgt, null);
                try (Connection c = ddlTgt.getConnection(); Statement s = c.createStatement()) {
                    // as the operator guide has the DBA do after the restore
                    s.execute(new MySqlDialect().ownerTable().getCreateSql());
                }
                admin(syncGrants(src.name(), tgt.name()).toArray(new String[0]));
                DataSource syncSrc = login(src, SYNC_USER);
                DataSource syncTgt = login(tgt, SYNC_USER);

                JobRunner sync = SyncIT.runner(JobType.SYNC, config, syncSrc, syncTgt, false);
                sync.start();
                int transactions = Writers.runConcurrently(src.dataSource(), SOURCE, 3, 900, 60);
                assertTrue(sync.stop(30_000));
                JobOutcome drain = SyncIT.runner(JobType.SYNC, config, syncSrc, syncTgt, true).runHere();
                assertEquals(JobOutcome.Status.SUCCEEDED, drain.getStatus(), drain.getMessage());
                assertTrue(transactions > 100, "committed " + transactions);

                for (SyncTable table : SyncTable.values()) {
                    List<String> targetColumns = TableDefinitions.columns(table, TARGET);
                    List<Map<String, Object>> expected = new ArrayList<>();
                    for (Map<String, Object> row : DocumentedMigration.read(src.dataSource(), table,
                            TableDefinitions.columns(table, SOURCE))) {
                        expected.add(DocumentedMigration.migrate(table, SOURCE, TARGET, row, TenantDataSet.LOCAL_IDP));
                    }
                    assertTrue(expected.size() > 0, table + " is empty on the source");
                    assertEquals(DocumentedMigration.text(expected, targetColumns), DocumentedMigration.text(
                            DocumentedMigration.read(tgt.dataSource(), table, targetColumns), targetColumns),
                            table.name());
                    assertEquals(0, IsTraffic.count(src.dataSource(), CaptureNames.of(table).getJournal()));
                }
                Jobs.run(JobType.VALIDATE, config, syncSrc, syncTgt, null);

                // the sync account may create nothing: a statement of the kind prepare runs is refused
                try (Connection c = syncSrc.getConnection(); Statement s = c.createStatement()) {
                    SQLException refused = assertThrows(SQLException.class,
                            () -> s.execute("CREATE TABLE SYN_J_OTHER (ID INTEGER)"));
                    assertEquals(1142, refused.getErrorCode(), refused.getMessage());
                }

                Jobs.run(JobType.CLEAN, config, ddlSrc, ddlTgt, null);
                assertEquals(List.of(), synObjects(src));
                assertEquals(List.of(), synObjects(tgt));
            } finally {
                admin("DROP USER IF EXISTS '" + DDL_USER + "'@'%'", "DROP USER IF EXISTS '" + SYNC_USER + "'@'%'");
            }
        }
    }

    /**
     * The preflight reads table grants: without TRIGGER on one IS table, DROP on one journal and LOCK TABLES on
     * the database, prepare names exactly those three and creates nothing.
     */
    @Test
    @Timeout(60)
    void prepareNamesTheMissingTableGrantsAndCreatesNothing() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MARIADB);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.MARIADB)) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            String user = DDL_USER + "_x";
            try {
                admin("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
                List<String> grants = new ArrayList<>();
                for (String g : dbaGrants(src.name(), tgt.name())) {
                    String grant = g.replace(DDL_USER, user);
                    if (grant.startsWith("GRANT LOCK TABLES")) {
                        continue;
                    }
                    if (grant.contains("`.`IDN_OAUTH2_ACCESS_TOKEN` ")) {
                        grant = grant.replace("SELECT, TRIGGER", "SELECT");
                    } else if (grant.contains("`.`SYN_J_AUTHZ_CODE` ")) {
                        grant = grant.replace("CREATE, DROP,", "CREATE,");
                    }
                    grants.add(grant);
                }
                admin(grants.toArray(new String[0]));
                java.util.Set<String> before = Catalog.snapshot(src);
                JobException e = assertThrows(JobException.class, () -> Jobs.run(JobType.PREPARE,
                        Jobs.config("5.9.0", "5.9.0", SyncIT.ALL_TABLES), login(src, user), login(tgt, user),
                        null));
                assertEquals("nothing was created; fix these first:" + System.lineSeparator()
                        + "  - the source database 'src' (MySQL/MariaDB): the user " + user + " may not create the "
                        + "capture tables and triggers; missing: TRIGGER on IDN_OAUTH2_ACCESS_TOKEN (or on the "
                        + "database), LOCK TABLES on the database (the triggers of IDN_OAUTH2_ACCESS_TOKEN_SCOPE "
                        + "are created and dropped holding it and IDN_OAUTH2_ACCESS_TOKEN, so that no token write is "
                        + "chosen as a deadlock victim), DROP on SYN_J_AUTHZ_CODE (or on the database)",
                        e.getMessage());
                assertEquals(before, Catalog.snapshot(src));
            } finally {
                admin("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    /** The DBA's grants of the operator guide, on the named tables only. */
    private static List<String> dbaGrants(String src, String tgt) {
        List<String> grants = new ArrayList<>();
        grants.add("GRANT LOCK TABLES ON `" + src + "`.* TO '" + DDL_USER + "'@'%'");
        for (SyncTable t : SyncTable.values()) {
            grants.add("GRANT SELECT, TRIGGER ON `" + src + "`.`" + t.name() + "` TO '" + DDL_USER + "'@'%'");
            grants.add("GRANT CREATE, DROP, INSERT, SELECT ON `" + src + "`.`" + CaptureNames.of(t).getJournal()
                    + "` TO '" + DDL_USER + "'@'%'");
            grants.add("GRANT SELECT ON `" + tgt + "`.`" + t.name() + "` TO '" + DDL_USER + "'@'%'");
        }
        grants.add("GRANT CREATE, DROP, SELECT ON `" + tgt + "`.`" + CaptureNames.OWNER_TABLE + "` TO '" + DDL_USER
                + "'@'%'");
        return grants;
    }

    /** The sync account's grants of the operator guide. */
    private static List<String> syncGrants(String src, String tgt) {
        List<String> grants = new ArrayList<>();
        for (SyncTable t : SyncTable.values()) {
            grants.add("GRANT SELECT, TRIGGER ON `" + src + "`.`" + t.name() + "` TO '" + SYNC_USER + "'@'%'");
            grants.add("GRANT SELECT, DELETE ON `" + src + "`.`" + CaptureNames.of(t).getJournal() + "` TO '"
                    + SYNC_USER + "'@'%'");
            grants.add("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + tgt + "`.`" + t.name() + "` TO '" + SYNC_USER
                    + "'@'%'");
        }
        grants.add("GRANT SELECT ON `" + src + "`.`IDP` TO '" + SYNC_USER + "'@'%'");
        grants.add("GRANT SELECT, INSERT, UPDATE ON `" + tgt + "`.`" + CaptureNames.OWNER_TABLE + "` TO '"
                + SYNC_USER + "'@'%'");
        return grants;
    }

    private static DataSource login(TestDatabase db, String user) throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource(db.jdbcUrl());
        ds.setUser(user);
        ds.setPassword(PASSWORD);
        return ds;
    }

    private static List<String> synObjects(TestDatabase db) throws SQLException {
        List<String> names = new ArrayList<>();
        for (String o : Catalog.snapshot(db)) {
            if (o.toUpperCase(java.util.Locale.ROOT).contains("SYN_")) {
                names.add(o);
            }
        }
        return names;
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection c = EmbeddedDatabases.mariaDb().adminDataSource().getConnection();
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
