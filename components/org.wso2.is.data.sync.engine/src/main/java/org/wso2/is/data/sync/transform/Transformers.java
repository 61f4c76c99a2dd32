/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.util.ArrayList;
import java.util.List;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.transform.v5100.Step5100AuthorizationCode;
import org.wso2.is.data.sync.transform.v5100.Step5100Token;
import org.wso2.is.data.sync.transform.v580.Step580AuthorizationCode;
import org.wso2.is.data.sync.transform.v580.Step580Token;

/**
 * The transformer chain of a table for a version pair: the step of every version after the source up to the
 * target, in release order, as the IS migration client runs them (docs/version-changes.md), then the
 * projection onto the target version's columns. A step that changes nothing in a table has no link.
 *
 * <p>For every supported pair the chain fills every column of the target version (the source's columns plus
 * IDP_ID from 5.8.0 and TOKEN_BINDING_REF from 5.10.0): no target column is left to the target's default.
 */
public final class Transformers {

    private Transformers() {
    }

    public static RowTransformer chain(SyncTable table, ProductVersion source, ProductVersion target) {
        if (target.compareTo(source) < 0) {
            throw new IllegalArgumentException("no migration goes from IS " + source + " back to " + target);
        }
        List<RowTransformer> links = new ArrayList<>();
        for (ProductVersion step : ProductVersion.values()) {
            if (step.compareTo(source) > 0 && step.compareTo(target) <= 0) {
                RowTransformer link = step(step, table);
                if (link != null) {
                    links.add(link);
                }
            }
        }
        links.add(new ColumnProjection(TableDefinitions.columns(table, target)));
        return new Chain(links);
    }

    /** What the migration to {@code version} does to {@code table}; null when it changes nothing there. */
    private static RowTransformer step(ProductVersion version, SyncTable table) {
        switch (version) {
            case V5_8_0:
                if (table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN) {
                    return new Step580Token();
                }
                return table == SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE ? new Step580AuthorizationCode() : null;
            case V5_10_0:
                if (table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN) {
                    return new Step5100Token();
                }
                return table == SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE ? new Step5100AuthorizationCode() : null;
            default:
                // 5.9.0 changes none of the synced tables; 5.7.0 is never a step here (no target before it).
                return null;
        }
    }
}
