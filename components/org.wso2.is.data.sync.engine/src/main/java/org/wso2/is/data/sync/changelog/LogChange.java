/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One row change read from the log: the table (its IS name, upper case), how it changed, and its key. */
public final class LogChange {

    private final String table;
    private final char operation;
    private final List<Object> key;

    public LogChange(String table, char operation, Object... key) {
        this.table = table;
        this.operation = operation;
        this.key = Collections.unmodifiableList(Arrays.asList(key));
    }

    public String getTable() {
        return table;
    }

    /** {@code I}, {@code U} or {@code D}; an update that changed the key comes as a {@code D} of the old key too. */
    public char getOperation() {
        return operation;
    }

    /** The primary-key values, in the order of the table's key columns, typed as JDBC reads those columns. */
    public List<Object> getKey() {
        return key;
    }

    @Override
    public String toString() {
        return table + ":" + operation + key;
    }
}
