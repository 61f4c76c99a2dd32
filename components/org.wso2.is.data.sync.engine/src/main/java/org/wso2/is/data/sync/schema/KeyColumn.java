/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.schema;

/** A primary-key column of a synced table: its name and, for the journal, its type. */
public final class KeyColumn {

    /** The two kinds of key columns the IS tables use. */
    public enum Kind { INTEGER, VARCHAR }

    private final String name;
    private final Kind kind;
    private final int length;

    private KeyColumn(String name, Kind kind, int length) {
        this.name = name;
        this.kind = kind;
        this.length = length;
    }

    static KeyColumn integer(String name) {
        return new KeyColumn(name, Kind.INTEGER, 0);
    }

    static KeyColumn varchar(String name, int length) {
        return new KeyColumn(name, Kind.VARCHAR, length);
    }

    public String getName() {
        return name;
    }

    public Kind getKind() {
        return kind;
    }

    /** Length of a VARCHAR column; 0 for integers. */
    public int getLength() {
        return length;
    }
}
