/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v580;

/**
 * 5.7.0 → 5.8.0 on IDN_OAUTH2_AUTHORIZATION_CODE: IDP_ID added and set as {@link LocalIdpIdAddition} describes.
 * The step's other changes to the table (CALLBACK_URL widened to 2048, new indexes) change no value.
 */
public final class Step580AuthorizationCode extends LocalIdpIdAddition {

    public Step580AuthorizationCode() {
        super("IDN_OAUTH2_AUTHORIZATION_CODE");
    }
}
