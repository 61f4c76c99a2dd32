/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Transformers applied one after the other, each to the rows the previous one made. */
final class Chain implements RowTransformer {

    private final List<RowTransformer> links;

    Chain(List<RowTransformer> links) {
        this.links = new ArrayList<>(links);
    }

    @Override
    public Rows transform(Rows rows, Connection source) throws SQLException {
        Rows out = rows;
        for (RowTransformer link : links) {
            out = link.transform(out, source);
        }
        return out;
    }
}
