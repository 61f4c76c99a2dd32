/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v580;

/**
 * 5.7.0 → 5.8.0 on IDN_OAUTH2_ACCESS_TOKEN: IDP_ID added and set as {@link LocalIdpIdAddition} describes. The
 * step's other changes to the table (CON_APP_KEY with IDP_ID, new indexes) change no value.
 */
public final class Step580Token extends LocalIdpIdAddition {

    public Step580Token() {
        super("IDN_OAUTH2_ACCESS_TOKEN");
    }
}
