/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v5100;

import java.sql.Connection;

import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;

/** 5.9.0 → 5.10.0 on IDN_OAUTH2_AUTHORIZATION_CODE: IDP_ID made NOT NULL, see {@link IdpIdNotNull}. */
public final class Step5100AuthorizationCode implements RowTransformer {

    @Override
    public Rows transform(Rows rows, Connection source) {
        return IdpIdNotNull.apply(rows);
    }
}
