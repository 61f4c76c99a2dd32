/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;

/**
 * The columns of the synced tables in each IS version, as the product's identity scripts create them (our own
 * copies are the resources {@code is-schema/<version>/<db>.sql}; the reference is the IS dbscripts). The primary keys are
 * the same in every version.
 */
public final class TableDefinitions {

    private static final List<String> TOKEN_5_7 = Arrays.asList("TOKEN_ID", "ACCESS_TOKEN", "REFRESH_TOKEN",
            "CONSUMER_KEY_ID", "AUTHZ_USER", "TENANT_ID", "USER_DOMAIN", "USER_TYPE", "GRANT_TYPE", "TIME_CREATED",
            "REFRESH_TOKEN_TIME_CREATED", "VALIDITY_PERIOD", "REFRESH_TOKEN_VALIDITY_PERIOD", "TOKEN_SCOPE_HASH",
            "TOKEN_STATE", "TOKEN_STATE_ID", "SUBJECT_IDENTIFIER", "ACCESS_TOKEN_HASH", "REFRESH_TOKEN_HASH");
    private static final List<String> CODE_5_7 = Arrays.asList("CODE_ID", "AUTHORIZATION_CODE", "CONSUMER_KEY_ID",
            "CALLBACK_URL", "SCOPE", "AUTHZ_USER", "TENANT_ID", "USER_DOMAIN", "TIME_CREATED", "VALIDITY_PERIOD",
            "STATE", "TOKEN_ID", "SUBJECT_IDENTIFIER", "PKCE_CODE_CHALLENGE", "PKCE_CODE_CHALLENGE_METHOD",
            "AUTHORIZATION_CODE_HASH");

    private TableDefinitions() {
    }

    /** The columns of {@code table} in IS {@code version}, in the order of the product's script. */
    public static List<String> columns(SyncTable table, ProductVersion version) {
        switch (table) {
            case IDN_IDENTITY_USER_DATA:
                return Arrays.asList("TENANT_ID", "USER_NAME", "DATA_KEY", "DATA_VALUE");
            case IDN_OAUTH2_ACCESS_TOKEN_SCOPE:
                return Arrays.asList("TOKEN_ID", "TOKEN_SCOPE", "TENANT_ID");
            case IDN_OAUTH2_ACCESS_TOKEN:
                if (version == ProductVersion.V5_7_0) {
                    return TOKEN_5_7;
                }
                return version == ProductVersion.V5_10_0
                        ? plus(TOKEN_5_7, "IDP_ID", "TOKEN_BINDING_REF") : plus(TOKEN_5_7, "IDP_ID");
            case IDN_OAUTH2_AUTHORIZATION_CODE:
                return version == ProductVersion.V5_7_0 ? CODE_5_7 : plus(CODE_5_7, "IDP_ID");
            default:
                throw new IllegalArgumentException(table.name());
        }
    }

    /** The primary key of {@code table}, the same in every supported version. */
    public static List<KeyColumn> primaryKey(SyncTable table) {
        switch (table) {
            case IDN_IDENTITY_USER_DATA:
                return Arrays.asList(KeyColumn.integer("TENANT_ID"), KeyColumn.varchar("USER_NAME", 255),
                        KeyColumn.varchar("DATA_KEY", 255));
            case IDN_OAUTH2_ACCESS_TOKEN:
                return Collections.singletonList(KeyColumn.varchar("TOKEN_ID", 255));
            case IDN_OAUTH2_ACCESS_TOKEN_SCOPE:
                return Arrays.asList(KeyColumn.varchar("TOKEN_ID", 255), KeyColumn.varchar("TOKEN_SCOPE", 60));
            case IDN_OAUTH2_AUTHORIZATION_CODE:
                return Collections.singletonList(KeyColumn.varchar("CODE_ID", 255));
            default:
                throw new IllegalArgumentException(table.name());
        }
    }

    private static List<String> plus(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(Arrays.asList(more));
        return Collections.unmodifiableList(all);
    }
}
