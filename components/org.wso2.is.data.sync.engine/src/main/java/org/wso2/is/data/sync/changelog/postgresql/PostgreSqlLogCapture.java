/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.postgresql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.wso2.is.data.sync.changelog.ChangeLogReader;
import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.changelog.LogGoneException;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.datasource.DataSourceLogin;

/**
 * Log capture on PostgreSQL 10+: a publication of the synced tables ({@value #PUBLICATION}) and a logical replication
 * slot with {@code pgoutput} ({@code syn_slot_<database>}: slots belong to the whole server, so the name carries the
 * database). The slot keeps every change from its creation until the sync confirms it; the preflight checks what
 * both need and names the exact fix (docs/design/log-capture.md).
 */
public final class PostgreSqlLogCapture implements LogCapture {

    /** Publications belong to one database: a fixed name, like our other capture names. */
    public static final String PUBLICATION = "syn_pub";
    private static final String SLOT_PREFIX = "syn_slot_";
    /** PostgreSQL's NAMEDATALEN - 1. */
    private static final int MAX_NAME = 63;
    private static final int MIN_VERSION = 100_000;

    /** The slot of the connection's database: {@code syn_slot_} and the database name in [a-z0-9_]. */
    public static String slotName(Connection c) throws SQLException {
        String db;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            db = rs.getString(1);
        }
        String name = SLOT_PREFIX + db.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    @Override
    public List<String> preflight(Connection c, List<SyncTable> tables, String where) throws SQLException {
        List<String> problems = new ArrayList<>();
        int version = c.getMetaData().getDatabaseMajorVersion() * 10_000;
        if (version < MIN_VERSION) {
            problems.add(where + ": log capture needs PostgreSQL 10 or later (logical replication with pgoutput); "
                    + "use captureMode = triggers on this server");
            return problems;
        }
        String walLevel = setting(c, "wal_level");
        if (!"logical".equals(walLevel)) {
            problems.add(where + ": wal_level is " + walLevel + ", log capture needs logical: as a superuser run "
                    + "ALTER SYSTEM SET wal_level = logical and restart PostgreSQL (on Amazon RDS/Aurora set the "
                    + "parameter rds.logical_replication = 1, on Azure wal_level = logical, on Cloud SQL the flag "
                    + "cloudsql.logical_decoding = on; each takes a restart)");
        }
        String user = c.getMetaData().getUserName();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                problems.add(where + ": the user " + user + " lacks the REPLICATION attribute, which a logical "
                        + "replication slot and its stream need: as a superuser run ALTER ROLE " + user
                        + " REPLICATION (on Amazon RDS: GRANT rds_replication TO " + user + ")");
            }
        }
        String slot = slotName(c);
        String slotProblem = slotProblem(c, slot, where);
        if (slotProblem != null) {
            problems.add(slotProblem);
        }
        if (!publicationExists(c)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT has_database_privilege(current_database(), 'CREATE')"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    problems.add(where + ": the user " + user + " may not create the publication " + PUBLICATION
                            + " (CREATE on the database): as its owner run GRANT CREATE ON DATABASE "
                            + "<database> TO " + user);
                }
            }
        }
        for (SyncTable t : tables) {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.relreplident, "
                    + "pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
                    + "WHERE c.oid = to_regclass(?)")) {
                ps.setString(1, t.name().toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue; // the table check of prepare says it is missing
                    }
                    String identity = rs.getString(1);
                    if (!"d".equals(identity) && !"f".equals(identity)) {
                        problems.add(where + ": table " + t + " has REPLICA IDENTITY " + ("n".equals(identity)
                                ? "NOTHING" : "USING INDEX") + ", so an update that changes its key would not bring "
                                + "the old key: run ALTER TABLE " + t + " REPLICA IDENTITY DEFAULT");
                    }
                    if (!rs.getBoolean(2) && !publishes(c, t)) {
                        problems.add(where + ": the user " + user + " does not own table " + t + ", which adding it "
                                + "to the publication " + PUBLICATION + " needs: run prepare as the owner of the IS "
                                + "tables, or as a superuser");
                    }
                }
            }
        }
        return problems;
    }

    /** What stops the slot from being created or used; null when it exists for this database or a slot is free. */
    private static String slotProblem(Connection c, String slot, String where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT database, plugin, slot_type FROM pg_replication_slots "
                + "WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String db = rs.getString(1);
                    if (!"logical".equals(rs.getString(3)) || !"pgoutput".equals(rs.getString(2))
                            || !currentDatabase(c).equals(db)) {
                        return where + ": the replication slot " + slot + " exists but is not ours (" + rs.getString(3)
                                + " slot of database " + db + " with plugin " + rs.getString(2) + "): drop it, "
                                + "SELECT pg_drop_replication_slot('" + slot + "'), if nothing uses it";
                    }
                    return null;
                }
            }
        }
        int max = Integer.parseInt(setting(c, "max_replication_slots"));
        List<String> used = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT slot_name FROM pg_replication_slots ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                used.add(rs.getString(1));
            }
        }
        if (used.size() >= max) {
            return where + ": no free replication slot: max_replication_slots = " + max + ", all in use (" 
                    + String.join(", ", used) + "): raise max_replication_slots (ALTER SYSTEM SET "
                    + "max_replication_slots = " + (max + 1) + ", then restart PostgreSQL) or drop a slot nothing uses";
        }
        int senders = Integer.parseInt(setting(c, "max_wal_senders"));
        int active;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_replication");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            active = rs.getInt(1);
        }
        if (active >= senders) {
            return where + ": no free WAL sender for the sync's stream: max_wal_senders = " + senders + ", all in use: "
                    + "raise max_wal_senders (ALTER SYSTEM SET max_wal_senders = " + (senders + 1) + ", then restart "
                    + "PostgreSQL)";
        }
        return null;
    }

    @Override
    public List<String> prepare(Connection c, List<SyncTable> tables, String where) throws SQLException {
        List<String> created = new ArrayList<>();
        boolean createdPublication = false;
        try (Statement s = c.createStatement()) {
            // The publication first: decoding looks it up as of each change, so it must exist before the slot's start.
            if (!publicationExists(c)) {
                s.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + tableList(tables));
                createdPublication = true;
                created.add("publication " + PUBLICATION + " for " + tables);
            } else {
                List<SyncTable> missing = new ArrayList<>();
                for (SyncTable t : tables) {
                    if (!publishes(c, t)) {
                        missing.add(t);
                    }
                }
                if (!missing.isEmpty()) {
                    s.execute("ALTER PUBLICATION " + PUBLICATION + " ADD TABLE " + tableList(missing));
                    created.add("tables " + missing + " in publication " + PUBLICATION);
                }
            }
            String slot = slotName(c);
            if (!slotExists(c, slot)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                    ps.setString(1, slot);
                    ps.execute();
                }
                created.add("logical replication slot " + slot + " (pgoutput)");
            }
            return created;
        } catch (SQLException e) {
            if (createdPublication) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
                } catch (SQLException dropFailed) {
                    e.addSuppressed(dropFailed);
                }
            }
            throw e;
        }
    }

    @Override
    public List<String> clean(Connection c, String where) throws SQLException {
        List<String> dropped = new ArrayList<>();
        String slot = slotName(c);
        if (slotExists(c, slot)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                ps.setString(1, slot);
                ps.execute();
            }
            dropped.add("logical replication slot " + slot);
        }
        if (publicationExists(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP PUBLICATION " + PUBLICATION);
            }
            dropped.add("publication " + PUBLICATION);
        }
        return dropped;
    }

    @Override
    public String problem(Connection c, List<SyncTable> tables, String where) throws SQLException {
        List<String> problems = new ArrayList<>();
        String slot = slotName(c);
        if (!slotExists(c, slot)) {
            problems.add("the replication slot " + slot + " does not exist");
        }
        if (!publicationExists(c)) {
            problems.add("the publication " + PUBLICATION + " does not exist");
        } else {
            for (SyncTable t : tables) {
                if (!publishes(c, t)) {
                    problems.add("the publication " + PUBLICATION + " lacks table " + t);
                }
            }
        }
        return problems.isEmpty() ? null : LogCapture.notInPlace(where, String.join(", ", problems));
    }

    @Override
    public ChangeLogReader open(DataSource source, String sourceName, SyncConfiguration config,
                                List<SyncTable> tables, String from) throws SQLException {
        DataSourceLogin login = DataSourceLogin.require(source, sourceName);
        String slot;
        try (Connection c = source.getConnection()) {
            slot = slotName(c);
        }
        try {
            return PostgreSqlLogReader.open(login, source, sourceName, config, tables, slot, PUBLICATION, from);
        } catch (LinkageError e) {
            // Only the reader names pgjdbc's types: inside IS they load where the driver's bundle exports them.
            throw new SQLException("log capture cannot load pgjdbc's replication API (" + e + "): inside IS, put the "
                    + "PostgreSQL JDBC driver jar into repository/components/lib, or use the launcher", e);
        }
    }

    /**
     * The insert position, not {@code pg_current_wal_lsn()} (the write position): with {@code synchronous_commit =
     * off} a transaction returns before its commit record is written, and a drain measured by the write position
     * would end without it.
     */
    @Override
    public String currentPosition(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public boolean reached(String position, String goal) {
        return position != null && lsn(position) >= lsn(goal);
    }

    @Override
    public long lagBytes(Connection c, String stored) throws SQLException {
        String slot = slotName(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), "
                + "confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LogGoneException("the replication slot " + slot + " was dropped: changes since the last "
                            + "stored position may be lost; run prepare again, then resync every synced table "
                            + "(resync --table T), then sync");
                }
                return Math.max(0, rs.getLong(1));
            }
        }
    }

    /** An LSN {@code X/Y} (two hex halves) as one unsigned-comparable number. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        return Long.parseLong(text.substring(0, slash), 16) << 32 | Long.parseLong(text.substring(slash + 1), 16);
    }

    private static String tableList(List<SyncTable> tables) {
        Set<String> names = new LinkedHashSet<>();
        for (SyncTable t : tables) {
            names.add(t.name());
        }
        return String.join(", ", names);
    }

    private static boolean publicationExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, PUBLICATION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean publishes(Connection c, SyncTable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication_tables WHERE pubname = ? "
                + "AND schemaname = current_schema() AND tablename = ?")) {
            ps.setString(1, PUBLICATION);
            ps.setString(2, t.name().toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean slotExists(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
