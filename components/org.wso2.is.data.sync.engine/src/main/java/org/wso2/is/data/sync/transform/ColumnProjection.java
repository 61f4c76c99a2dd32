/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps, in the target's column order, the columns the target version has: the last link of every chain. A
 * target column the rows lack would be left out of the INSERT, so that the target's own default applies, never
 * an explicit NULL; for the supported pairs the steps leave no such column.
 */
public final class ColumnProjection implements RowTransformer {

    private final List<String> targetColumns;

    public ColumnProjection(List<String> targetColumns) {
        this.targetColumns = targetColumns;
    }

    @Override
    public Rows transform(Rows rows, Connection source) {
        List<String> kept = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        for (String c : targetColumns) {
            int i = rows.indexOf(c);
            if (i >= 0) {
                kept.add(c);
                from.add(i);
            }
        }
        int[] types = new int[kept.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = rows.sqlType(from.get(i));
        }
        Rows out = new Rows(kept, types);
        for (Object[] row : rows.getValues()) {
            Object[] projected = new Object[kept.size()];
            for (int i = 0; i < projected.length; i++) {
                projected[i] = row[from.get(i)];
            }
            out.add(projected);
        }
        return out;
    }
}
