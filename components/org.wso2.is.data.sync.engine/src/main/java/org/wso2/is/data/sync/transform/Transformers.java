/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.TableDefinitions;

/**
 * The transformer chain of a table for a version pair. This build projects rows onto the target version's
 * columns; the per-step transformers of the version changes (IDP_ID, TOKEN_BINDING_REF, ...) plug in here.
 */
public final class Transformers {

    private Transformers() {
    }

    public static RowTransformer chain(SyncTable table, ProductVersion source, ProductVersion target) {
        return new ColumnProjection(TableDefinitions.columns(table, target));
    }
}
