/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.ddl;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.KeyColumn;
import org.wso2.is.data.sync.schema.TableDefinitions;

/**
 * The names of the capture objects of one synced table. They are derived from a fixed short name per table,
 * start with {@code SYN_} (no IS object does), and stay within 30 characters (Oracle's limit before 12.2).
 */
public final class CaptureNames {

    public static final String PREFIX = "SYN_";
    /** The target's table that names the one sync process allowed to write there (see docs/design/sync.md). */
    public static final String OWNER_TABLE = PREFIX + "OWNER";
    /** The target's table that holds the change log's restart position in log mode (docs/design/log-capture.md). */
    public static final String LOG_POSITION_TABLE = PREFIX + "LOG";

    private final SyncTable table;
    private final String shortName;
    private final String schema;
    private final Map<String, String> journalKeyTypes;

    private CaptureNames(SyncTable table, String shortName) {
        this(table, shortName, null, Collections.<String, String>emptyMap());
    }

    private CaptureNames(SyncTable table, String shortName, String schema, Map<String, String> journalKeyTypes) {
        this.table = table;
        this.shortName = shortName;
        this.schema = schema;
        this.journalKeyTypes = journalKeyTypes;
    }

    /**
     * The same names, for creating the objects in {@code schema} (as the source catalog spells it) with journal
     * key columns of the types {@code journalKeyTypes} (column name to type) copied from the source's key.
     */
    public CaptureNames fromCatalog(String schema, Map<String, String> journalKeyTypes) {
        return new CaptureNames(table, shortName, schema, Collections.unmodifiableMap(journalKeyTypes));
    }

    /** The schema the IS tables are in, as read at prepare; null where only the names are needed (drops, look-ups). */
    public String getSchema() {
        return schema;
    }

    /**
     * The journal type of key column {@code column} copied from the source, or null where the source catalog was
     * not read (drops and look-ups need the names only).
     */
    public String getJournalKeyType(String column) {
        return journalKeyTypes.get(column);
    }

    /** The names of {@code table}'s objects, typed from our table definitions (see {@link #fromCatalog}). */
    public static CaptureNames of(SyncTable table) {
        switch (table) {
            case IDN_IDENTITY_USER_DATA:
                return new CaptureNames(table, "USER_DATA");
            case IDN_OAUTH2_ACCESS_TOKEN:
                return new CaptureNames(table, "TOKEN");
            case IDN_OAUTH2_ACCESS_TOKEN_SCOPE:
                return new CaptureNames(table, "TOKEN_SCOPE");
            case IDN_OAUTH2_AUTHORIZATION_CODE:
                return new CaptureNames(table, "AUTHZ_CODE");
            default:
                throw new IllegalArgumentException(table.name());
        }
    }

    public SyncTable getTable() {
        return table;
    }

    /** The IS table the triggers are on. */
    public String getSourceTable() {
        return table.name();
    }

    /** The journal the triggers write to: one row per changed key. */
    public String getJournal() {
        return PREFIX + "J_" + shortName;
    }

    /** The one trigger for all three events, on databases that allow it. */
    public String getTrigger() {
        return PREFIX + "T_" + shortName;
    }

    /** The trigger for one event ({@code I}, {@code U} or {@code D}), on databases that need one per event. */
    public String getTrigger(char event) {
        return getTrigger() + "_" + event;
    }

    /** The trigger function (PostgreSQL). */
    public String getFunction() {
        return PREFIX + "F_" + shortName;
    }

    public List<KeyColumn> getKeyColumns() {
        return TableDefinitions.primaryKey(table);
    }
}
