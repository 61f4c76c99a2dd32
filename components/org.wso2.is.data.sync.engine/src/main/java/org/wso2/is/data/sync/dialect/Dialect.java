/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wso2.is.data.sync.safetext.LogText;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.safetext.SqlMessages;

/**
 * What differs between databases: the capture DDL, how to look our objects up in the catalog, privileges,
 * and the form of scripts. One subclass per database, in a package of its own.
 *
 * <p>Every journal has the same shape: {@code SYNC_ID} (increasing, assigned by the database),
 * {@code OPERATION} ({@code I}, {@code U} or {@code D}), {@code CHANGED_AT} (the database's clock, for lag), and
 * the primary-key columns of the captured table. A trigger writes one row per changed key; an update that
 * changes the key also writes the old key as {@code D}.
 */
public abstract class Dialect {

    /** The database as operators name it, e.g. {@code PostgreSQL}. */
    public abstract String getName();

    /** True when this dialect serves a connection reporting {@code productName} in its metadata. */
    public abstract boolean handles(String productName);

    /** The capture objects of one table, in the order they are created. */
    public abstract List<CaptureObject> captureObjects(CaptureNames names);

    /** A query with one parameter (the name as {@link #catalogName} spells it) that returns a row if it exists. */
    protected abstract String existsQuery(CaptureObject.Kind kind);

    /** The privileges the current user lacks to create tables and triggers (empty when none is missing). */
    public abstract List<String> missingPrivileges(Connection connection, List<String> tables) throws SQLException;

    public abstract ScriptFormat getScriptFormat();

    /**
     * Which server, database and schema {@code connection} reached, read from the database itself, so that a
     * source and a target reached under two names are known to be one database. Readable by a user with no more
     * rights than IS's own; where this user cannot read what identifies the server, the identity says so.
     */
    public abstract DatabaseIdentity identity(Connection connection) throws SQLException;

    /**
     * The drop statement of a script, which cannot look in the catalog first: a drop that does nothing when the
     * object is gone, so the clean script runs to its end whatever is left.
     */
    public String dropIfExists(CaptureObject object) {
        return object.getDropSql().replaceFirst("^DROP (TABLE|TRIGGER|FUNCTION) ", "DROP $1 IF EXISTS ");
    }

    /**
     * The database's clock, comparable with the journal's {@code CHANGED_AT} whatever the time zones of the
     * sessions that wrote it (an instant where the column holds one, else the server's wall clock).
     */
    public String now() {
        return "CURRENT_TIMESTAMP";
    }

    /**
     * Called at the start of each sync transaction, before its key lookups: where a database would plan those
     * lookups badly, this says how to plan them. Nothing by default.
     */
    public void beginBatch(Connection connection) throws SQLException {
        // no planner hints needed
    }

    /** Whether a warning on a CREATE means the object was created unusable (Oracle PL/SQL compile errors). */
    public boolean compileWarningsAreErrors() {
        return false;
    }

    /**
     * The statement that bounds how long this session's DDL waits for a lock, so that IS writes queued behind a
     * waiting {@code CREATE/DROP TRIGGER} wait no longer than that; null where the database bounds every lock
     * wait itself (H2's LOCK_TIMEOUT, one second by default).
     */
    public String ddlLockTimeout(long millis) {
        return null;
    }

    /** Puts the session's lock wait back to the database's default (the connection may return to a pool). */
    public String resetDdlLockTimeout() {
        return null;
    }

    /**
     * The statement that takes the locks a trigger DDL on {@code table} needs, {@code referenced} (the table it
     * references by foreign key, which IS writes first) before {@code table}, so that the DDL never holds
     * {@code table} while it waits for {@code referenced}; null where the DDL itself takes no lock on
     * {@code referenced}. {@link #unlockAfterTriggerDdl} ends it.
     */
    public String lockForTriggerDdl(String table, String referenced) {
        return null;
    }

    /** Releases what {@link #lockForTriggerDdl} took; null where that is null. */
    public String unlockAfterTriggerDdl() {
        return null;
    }

    /** Whether {@code e} says a statement gave up waiting for a lock (after {@link #ddlLockTimeout}). */
    public boolean isLockTimeout(SQLException e) {
        return false;
    }

    /**
     * A query for the other sessions that hold locks on a table, with one parameter (the table as
     * {@link #catalogName} spells it) and six columns: session, user, application, state, since when, and the
     * start of its statement; null where the database has no such view.
     */
    protected String lockHoldersQuery() {
        return null;
    }

    /**
     * The other sessions holding locks on {@code table}, one line each, for the error of a DDL that timed out;
     * empty when none is visible to this user.
     */
    public List<String> lockHolders(Connection connection, String table) throws SQLException {
        List<String> holders = new ArrayList<>();
        String query = lockHoldersQuery();
        if (query == null) {
            return holders;
        }
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            if (query.indexOf('?') >= 0) {
                ps.setString(1, catalogName(table));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // another session's statement may hold literal tokens: its values are scrubbed
                    holders.add(LogText.oneLine("session " + rs.getString(1) + " (user " + rs.getString(2)
                            + ", application '" + rs.getString(3) + "', " + rs.getString(4)
                            + (rs.getString(5) == null ? "" : ", in a transaction since " + rs.getString(5)))
                            + (rs.getString(6) == null ? "" : ", statement: " + SqlMessages.scrub(rs.getString(6)))
                            + ")");
                }
            }
        }
        return holders;
    }

    /**
     * A query with two parameters, a trigger's and its table's names as {@link #catalogName} spells them, that
     * returns one row whose first column is {@code Y} when the trigger is on that table and fires, something else
     * when it is there but disabled, and no row when it is not on that table (dropped with a re-created table,
     * or moved with a renamed one).
     */
    protected abstract String triggerStateQuery();

    /** Whether {@code trigger} is on {@code table} and fires: null when it does, else what is wrong. */
    public String captureProblem(Connection connection, CaptureObject trigger, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(triggerStateQuery())) {
            ps.setString(1, catalogName(trigger.getName()));
            ps.setString(2, catalogName(table));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return trigger + " is not on table " + table;
                }
                return "Y".equals(rs.getString(1)) ? null : trigger + " on table " + table + " is disabled";
            }
        }
    }

    /**
     * The SQL type name for {@link java.sql.Connection#createArrayOf} of BIGINT ids when {@code col = ANY(?)} with
     * one array parameter is the better way to match many ids; null where lists of parameters are used.
     */
    public String bigintArrayType() {
        return null;
    }

    /**
     * The most parameters one multi-row {@code INSERT ... VALUES (..), (..)} may carry on {@code connection}, or 0
     * where a JDBC batch of single-row INSERTs is the faster way (no multi-row VALUES, or a driver that sends a
     * batch in bulk). 2,000 by default: under SQL Server's 2,100.
     */
    public int insertParameterLimit(Connection connection) throws SQLException {
        return 2000;
    }

    /**
     * Inserts {@code rows} (values in the order of {@code columns}) into {@code table} through the driver's bulk-load
     * path, in the connection's transaction, where it beats {@code INSERT}; returns false, having written nothing,
     * where there is none on this connection or for these values, and the caller inserts them. A duplicate key
     * surfaces as the driver's unique-violation {@link SQLException}, as from an {@code INSERT}. None by default.
     */
    public boolean bulkInsert(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        return false;
    }

    /**
     * Whether text keys may compare equal here while they differ to the letter: MySQL/MariaDB and SQL Server
     * collations ignore case and trailing spaces by default. Where they may, the worker never lets such a
     * comparison decide which row a key names (see docs/design/sync.md, "Keys are compared to the letter").
     */
    public boolean textKeysMayFold() {
        return false;
    }

    /**
     * How many values one {@code K IN (?, ...)} on a single column lists: 500 by default, within Oracle's 1,000
     * IN-list items and SQL Server's 2,100 parameters. A database without such limits takes a whole batch in one
     * statement: one round trip, not two, per fetch, lookup and acknowledgement.
     */
    public int keysPerInList() {
        return 500;
    }

    /** {@code query} (which ends in ORDER BY) limited to its first {@code rows} rows. */
    public String limit(String query, int rows) {
        return query + " FETCH FIRST " + rows + " ROWS ONLY";
    }

    /** The spelling of an unquoted identifier in this database's catalog. */
    public String catalogName(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    public boolean exists(Connection connection, CaptureObject object) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(existsQuery(object.getKind()))) {
            ps.setString(1, catalogName(object.getName()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The column type IS's own scripts give a key column, which a journal takes where the source catalog was not read
     * (and which messages name next to the source's type).
     */
    public String keyType(KeyColumn column) {
        return column.getKind() == KeyColumn.Kind.INTEGER ? "INTEGER" : "VARCHAR(" + column.getLength() + ")";
    }

    /**
     * A query with one parameter (the table name as {@link #catalogName} spells it) returning a row per column of
     * that table in the current schema: name, data type, length, precision, scale, character set, collation and
     * the dialect's {@link SourceKeyColumn#getSemantics semantics}, in that order.
     */
    protected abstract String keyColumnsQuery(Connection connection) throws SQLException;

    /**
     * The journal's declaration of a key column copied from the source's (type, length, character set or
     * collation, length semantics), so that every key IS can write fits and reads back byte for byte; null where
     * a journal cannot copy that type. Pure rendering: the catalog read is {@link #readKeyColumns}.
     */
    public abstract String copiedKeyType(SourceKeyColumn column);

    /** The columns of {@code table} (its IS name) as the source catalog declares them, by upper-case name. */
    public Map<String, SourceKeyColumn> readKeyColumns(Connection connection, String table) throws SQLException {
        Map<String, SourceKeyColumn> columns = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(keyColumnsQuery(connection))) {
            ps.setString(1, catalogName(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceKeyColumn c = new SourceKeyColumn(rs.getString(1), rs.getString(2), integer(rs, 3),
                            integer(rs, 4), integer(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8));
                    columns.put(c.getName().toUpperCase(Locale.ROOT), c);
                }
            }
        }
        return columns;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : (int) Math.min(value, Integer.MAX_VALUE);
    }

    /**
     * {@code TOKEN_ID VARCHAR(255) NOT NULL, ...} for the journal's key columns: the source's types where prepare
     * read them, else IS's.
     */
    protected String keyColumnDefinitions(CaptureNames names) {
        List<String> defs = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            String copied = names.getJournalKeyType(k.getName());
            defs.add(k.getName() + " " + (copied != null ? copied : keyType(k)) + " NOT NULL");
        }
        return String.join(", ", defs);
    }

    /**
     * Statements a generated script runs right after creating {@code object}, which fail the script where the
     * object was created unusable (Oracle: a trigger with compilation errors). None by default: the other
     * databases refuse such a CREATE.
     */
    public List<String> scriptChecks(CaptureObject object) {
        return Collections.emptyList();
    }

    /** {@code TENANT_ID, USER_NAME, DATA_KEY}. */
    protected String keyColumnList(CaptureNames names) {
        List<String> cols = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            cols.add(k.getName());
        }
        return String.join(", ", cols);
    }

    /** {@code N.TENANT_ID, N.USER_NAME} for a row reference such as {@code NEW} or {@code :OLD}. */
    protected String keyValues(CaptureNames names, String row) {
        List<String> values = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            values.add(row + "." + k.getName());
        }
        return String.join(", ", values);
    }

    /** {@code O.A <> N.A OR O.B <> N.B}: key columns are NOT NULL, so plain inequality is exact. */
    protected String keyChanged(CaptureNames names, String oldRow, String newRow) {
        List<String> terms = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            terms.add(oldRow + "." + k.getName() + " <> " + newRow + "." + k.getName());
        }
        return String.join(" OR ", terms);
    }

    /** {@code INSERT INTO SYN_J_X (OPERATION, keys) VALUES ('op', row.keys)}. */
    protected String journalInsert(CaptureNames names, String operation, String row) {
        return "INSERT INTO " + names.getJournal() + " (OPERATION, " + keyColumnList(names) + ") VALUES ('"
                + operation + "', " + keyValues(names, row) + ")";
    }

    /**
     * The one-row table on the target that names the sync process holding it, with the epoch every batch checks
     * in its own transaction ({@code owner.PairOwner}). Sync creates it; clean drops it.
     */
    public CaptureObject ownerTable() {
        return table(CaptureNames.OWNER_TABLE, "CREATE TABLE " + CaptureNames.OWNER_TABLE
                + " (ID INTEGER NOT NULL PRIMARY KEY, EPOCH BIGINT NOT NULL, HEARTBEAT BIGINT NOT NULL, "
                + "HOST VARCHAR(255), PROCESS_ID VARCHAR(64), SINCE VARCHAR(40))");
    }

    /**
     * The one-row table on the target that holds the restart position of the source's change log in log mode, written
     * in the same transaction as the keys read up to it. Sync creates it; clean drops it.
     */
    public CaptureObject logPositionTable() {
        return table(CaptureNames.LOG_POSITION_TABLE, "CREATE TABLE " + CaptureNames.LOG_POSITION_TABLE
                + " (ID INTEGER NOT NULL PRIMARY KEY, POSITION VARCHAR(1024))");
    }

    protected static CaptureObject table(String name, String create) {
        return new CaptureObject(CaptureObject.Kind.TABLE, name, create, "DROP TABLE " + name);
    }

    protected static CaptureObject trigger(String name, String create) {
        return new CaptureObject(CaptureObject.Kind.TRIGGER, name, create, "DROP TRIGGER " + name);
    }

    @Override
    public String toString() {
        return getName();
    }
}
