/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Rows of one table read from the source or bound for the target: column names, JDBC types, values. */
public final class Rows {

    private final List<String> columns;
    private final int[] sqlTypes;
    private final List<Object[]> values = new ArrayList<>();

    public Rows(List<String> columns, int[] sqlTypes) {
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.sqlTypes = sqlTypes.clone();
    }

    public List<String> getColumns() {
        return columns;
    }

    /** The JDBC type of each column ({@link java.sql.Types}), for binding nulls. */
    public int sqlType(int column) {
        return sqlTypes[column];
    }

    /** A copy of every column's JDBC type. */
    public int[] sqlTypes() {
        return sqlTypes.clone();
    }

    public void add(Object[] row) {
        values.add(row);
    }

    public List<Object[]> getValues() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public int indexOf(String column) {
        return columns.indexOf(column);
    }
}
