/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The identity tables the tool can sync. Only these names ever reach SQL: configuration values are matched
 * against this list before anything else happens.
 */
public enum SyncTable {

    IDN_IDENTITY_USER_DATA,
    IDN_OAUTH2_ACCESS_TOKEN,
    IDN_OAUTH2_ACCESS_TOKEN_SCOPE,
    IDN_OAUTH2_AUTHORIZATION_CODE;

    /** @return the table named {@code name} (case-insensitive, surrounding blanks ignored), or null */
    public static SyncTable fromName(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (SyncTable t : values()) {
            if (t.name().equals(wanted)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The synced table this one references by foreign key in IS's schema (a scope names its token), or null. IS
     * writes the referenced row first and this table's rows after it, in one transaction.
     */
    public SyncTable referencedTable() {
        return this == IDN_OAUTH2_ACCESS_TOKEN_SCOPE ? IDN_OAUTH2_ACCESS_TOKEN : null;
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (SyncTable t : values()) {
            names.add(t.name());
        }
        return names;
    }
}
