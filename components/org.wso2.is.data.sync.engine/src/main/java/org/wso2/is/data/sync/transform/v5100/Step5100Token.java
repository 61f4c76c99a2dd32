/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v5100;

import java.sql.Connection;
import java.sql.Types;

import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;

/**
 * 5.9.0 → 5.10.0 on IDN_OAUTH2_ACCESS_TOKEN: TOKEN_BINDING_REF added with DEFAULT 'NONE', which every row present
 * at the ALTER gets (MySQL, PostgreSQL, H2, Oracle, DB2); IDP_ID made NOT NULL, see {@link IdpIdNotNull}.
 * SQL Server leaves NULL in the existing rows instead (docs/version-changes.md, open question 5); the chain does
 * not know the target's database, and 'NONE' is also what a row inserted later without the column gets there.
 */
public final class Step5100Token implements RowTransformer {

    private static final String NO_BINDING = "NONE";

    @Override
    public Rows transform(Rows rows, Connection source) {
        return IdpIdNotNull.apply(rows).plusColumn("TOKEN_BINDING_REF", Types.VARCHAR, row -> NO_BINDING);
    }
}
