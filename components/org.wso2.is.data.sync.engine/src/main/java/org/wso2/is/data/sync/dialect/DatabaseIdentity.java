/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import java.util.Locale;

/**
 * Which database a connection reached, as the database itself tells it: the server (a value the server holds
 * of its own, not the host name or port the client used), the database and the schema. Two datasources whose
 * identities are equal reach one database, whatever their URLs, users or JNDI names. Safe to log.
 */
public final class DatabaseIdentity {

    private final String server;
    private final String database;
    private final String schema;
    private final String unproven;

    private DatabaseIdentity(String server, String database, String schema, String unproven) {
        this.server = server;
        this.database = database;
        this.schema = schema;
        this.unproven = unproven;
    }

    /** @param server what identifies the server, e.g. {@code server_uuid 3e11fa47-...} */
    public static DatabaseIdentity of(String server, String database, String schema) {
        return new DatabaseIdentity(server, database, schema, null);
    }

    /** The user may not read what identifies the server; {@code why} says what is missing and how to grant it. */
    public static DatabaseIdentity unproven(String why, String database, String schema) {
        return new DatabaseIdentity(null, database, schema, why);
    }

    public boolean isProven() {
        return unproven == null;
    }

    /** Why the server could not be identified, or null when it was. */
    public String getUnproven() {
        return unproven;
    }

    /**
     * Same server, database and schema. Names compare ignoring case: a database that folds names would
     * otherwise pass as two, and refusing two databases whose names differ only in case costs a rename at most.
     */
    public boolean sameAs(DatabaseIdentity other) {
        return isProven() && other.isProven() && server.equals(other.server)
                && fold(database).equals(fold(other.database)) && fold(schema).equals(fold(other.schema));
    }

    private static String fold(String name) {
        return String.valueOf(name).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return (isProven() ? server : "unidentified server") + ", database " + database + ", schema " + schema;
    }
}
