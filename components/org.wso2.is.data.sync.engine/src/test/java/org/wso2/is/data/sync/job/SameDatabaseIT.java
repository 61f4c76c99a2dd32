/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.support.Catalog;
import org.wso2.is.data.sync.support.Journals;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.worker.SyncIT;

/**
 * A target datasource that reaches the source database under another name (another URL form, host name or user)
 * is refused by every job that touches both sides, before it changes anything: the source keeps its triggers,
 * its journals and the changes pending in them.
 */
class SameDatabaseIT {

    private static final String NAMES = "identitySchema: the source datasource 'src' and the target datasource "
            + "'tgt' reach the same database (";
    private static final String TAIL = "); the target must be the restored and migrated copy; nothing was changed";

    @OnEachDatabase
    void aTargetThatIsTheSourceUnderAnotherNameIsRefusedAndNothingChanges(DatabaseKind kind) throws Exception {
        // H2: a file database, which another URL form can reach (an in-memory one has only its name)
        try (TestDatabase src = kind == DatabaseKind.H2 ? TestDatabase.createH2File() : TestDatabase.create(kind);
             TestDatabase restored = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, restored);
            assertEquals(20, new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 0, 5, 0).run(20));
            Set<String> captureBefore = Catalog.snapshot(src);
            Map<String, List<String>> journalsBefore = journals(src.dataSource());
            long pending = Journals.pending(src.dataSource());
            assertTrue(pending > 20, "pending entries: " + pending);

            DataSource alias = sameDatabaseUnderAnotherName(src);
            String expected = NAMES + identity(src) + TAIL;
            for (JobType type : new JobType[] {JobType.SYNC, JobType.CLEAN, JobType.VALIDATE, JobType.PREPARE}) {
                JobOutcome outcome = refusal(runner(type, config, src.dataSource(), alias));
                assertEquals(JobOutcome.Status.FAILED, outcome.getStatus(), type.label());
                assertEquals(expected, outcome.getMessage(), type.label());
            }

            assertEquals(captureBefore, Catalog.snapshot(src));
            assertEquals(journalsBefore, journals(src.dataSource()));
            assertEquals(pending, Journals.pending(src.dataSource()));
        }
    }

    /** Bounded: a job that does not refuse would drain (or wait on) journals it may have dropped. */
    private static JobOutcome refusal(JobRunner job) throws InterruptedException {
        job.start();
        JobOutcome outcome = job.await(60, TimeUnit.SECONDS);
        if (outcome == null) {
            job.stop(30_000);
            fail("job " + job.getType() + " ran on one database as both source and target");
        }
        return outcome;
    }

    private static JobRunner runner(JobType type, SyncConfiguration config, DataSource src, DataSource tgt) {
        return new JobRunner(type, config, name -> {
            if ("src".equals(name)) {
                return src;
            }
            if ("tgt".equals(name)) {
                return tgt;
            }
            throw new DataSourceLookupException(name);
        }, new JobOptions(null, true), new EngineJobs());
    }

    /**
     * H2: the file's path without {@code file:} and through a {@code .} directory, as a second admin user.
     * PostgreSQL and MariaDB: {@code localhost} for the server's {@code 127.0.0.1}.
     */
    private static DataSource sameDatabaseUnderAnotherName(TestDatabase db) throws SQLException {
        switch (db.kind()) {
            case H2:
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE USER ALIAS_ADMIN PASSWORD 'alias' ADMIN");
                }
                String file = db.jdbcUrl().substring("jdbc:h2:file:".length());
                int slash = file.lastIndexOf('/');
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:" + file.substring(0, slash) + "/." + file.substring(slash));
                h2.setUser("ALIAS_ADMIN");
                h2.setPassword("alias");
                return h2;
            case POSTGRESQL:
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setUrl(localhost(db));
                pg.setUser(db.username());
                pg.setPassword(db.password());
                return pg;
            default:
                MariaDbDataSource maria = new MariaDbDataSource(localhost(db));
                maria.setUser(db.username());
                maria.setPassword(db.password());
                return maria;
        }
    }

    private static String localhost(TestDatabase db) {
        assertTrue(db.jdbcUrl().contains("//127.0.0.1:"), db.jdbcUrl());
        return db.jdbcUrl().replace("//127.0.0.1:", "//localhost:");
    }

    /** What the error must name, read here with the test's own queries. */
    private static String identity(TestDatabase db) throws SQLException {
        switch (db.kind()) {
            case H2:
                return "H2: database file " + db.jdbcUrl().substring("jdbc:h2:file:".length()) + ", database "
                        + db.name().toUpperCase() + ", schema PUBLIC";
            case POSTGRESQL:
                List<String> pg = row(db.dataSource(), "SELECT EXTRACT(EPOCH FROM pg_postmaster_start_time()), "
                        + "has_function_privilege('pg_control_system()', 'EXECUTE')");
                String system = "true".equals(pg.get(1)) || "t".equals(pg.get(1))
                        ? "system identifier " + row(db.dataSource(),
                                "SELECT system_identifier FROM pg_control_system()").get(0) + ", " : "";
                return "PostgreSQL: " + system + "server started at epoch second " + pg.get(0) + ", database "
                        + db.name() + ", schema public";
            default:
                List<String> maria = row(db.dataSource(), "SELECT @@hostname, @@port, @@datadir, @@server_id");
                return "MariaDB: host " + maria.get(0) + ", port " + maria.get(1) + ", datadir " + maria.get(2)
                        + ", server_id " + maria.get(3) + ", database " + db.name() + ", schema " + db.name();
        }
    }

    /** Every journal's rows in SYNC_ID order, each row as its columns' text. */
    private static Map<String, List<String>> journals(DataSource db) throws SQLException {
        Map<String, List<String>> journals = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (SyncTable t : SyncTable.values()) {
                String journal = CaptureNames.of(t).getJournal();
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + journal + " ORDER BY SYNC_ID")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                journals.put(journal, rows);
            }
        }
        return journals;
    }

    private static List<String> row(DataSource db, String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertTrue(rs.next(), query);
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }
}
