/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.ddl;

/** One database object that prepare creates and clean drops, with the statements to do either. */
public final class CaptureObject {

    /** The kinds of objects change capture uses. */
    public enum Kind {
        TABLE, TRIGGER, FUNCTION;

        /** How the kind reads in messages and script comments. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String name;
    private final String createSql;
    private final String dropSql;

    public CaptureObject(Kind kind, String name, String createSql, String dropSql) {
        this.kind = kind;
        this.name = name;
        this.createSql = createSql;
        this.dropSql = dropSql;
    }

    public Kind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    /** The statement as JDBC executes it: no client terminator or delimiter. */
    public String getCreateSql() {
        return createSql;
    }

    public String getDropSql() {
        return dropSql;
    }

    @Override
    public String toString() {
        return kind.label() + " " + name;
    }
}
