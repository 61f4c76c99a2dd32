/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

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

    /** New rows: these with {@code column} added last, its value in each row computed from the row. */
    public Rows plusColumn(String column, int sqlType, Function<Object[], Object> value) {
        List<String> wider = new ArrayList<>(columns);
        wider.add(column);
        int[] types = Arrays.copyOf(sqlTypes, sqlTypes.length + 1);
        types[sqlTypes.length] = sqlType;
        Rows out = new Rows(wider, types);
        for (Object[] row : values) {
            Object[] added = Arrays.copyOf(row, row.length + 1);
            added[row.length] = value.apply(row);
            out.add(added);
        }
        return out;
    }

    /** New rows: these with each value of {@code column} replaced by {@code value} of it. */
    public Rows mapColumn(String column, UnaryOperator<Object> value) {
        int at = indexOf(column);
        if (at < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        Rows out = new Rows(columns, sqlTypes);
        for (Object[] row : values) {
            Object[] mapped = row.clone();
            mapped[at] = value.apply(row[at]);
            out.add(mapped);
        }
        return out;
    }
}
