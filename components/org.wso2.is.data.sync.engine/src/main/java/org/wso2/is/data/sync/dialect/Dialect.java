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
import java.util.List;
import java.util.Locale;

import org.wso2.is.data.sync.capture.CaptureNames;
import org.wso2.is.data.sync.capture.CaptureObject;
import org.wso2.is.data.sync.schema.KeyColumn;

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

    /** The column type of a journal key column. */
    protected String keyType(KeyColumn column) {
        return column.getKind() == KeyColumn.Kind.INTEGER ? "INTEGER" : "VARCHAR(" + column.getLength() + ")";
    }

    /** {@code TOKEN_ID VARCHAR(255) NOT NULL, ...} for the journal's key columns. */
    protected String keyColumnDefinitions(CaptureNames names) {
        List<String> defs = new ArrayList<>();
        for (KeyColumn k : names.getKeyColumns()) {
            defs.add(k.getName() + " " + keyType(k) + " NOT NULL");
        }
        return String.join(", ", defs);
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
