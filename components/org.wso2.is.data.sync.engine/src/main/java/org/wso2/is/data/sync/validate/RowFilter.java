/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.config.SyncTable;

/**
 * The rows a comparison leaves out, on both sides: those of the test applications excluded from validation
 * ({@code --exclude-app}). The consumer keys are bound, never written into the SQL.
 */
final class RowFilter {

    static final RowFilter NONE = new RowFilter("", Collections.<String>emptyList());

    private static final String CONSUMERS = "SELECT ID FROM IDN_OAUTH_CONSUMER_APPS WHERE CONSUMER_KEY IN (%s)";

    private final String where;
    private final List<String> parameters;

    private RowFilter(String where, List<String> parameters) {
        this.where = where;
        this.parameters = parameters;
    }

    /** The rows of synced {@code table} that belong to none of the apps {@code consumerKeys}. */
    static RowFilter excludingApps(SyncTable table, List<String> consumerKeys) {
        if (consumerKeys.isEmpty()) {
            return NONE;
        }
        String apps = String.format(CONSUMERS, marks(consumerKeys.size()));
        switch (table) {
            case IDN_OAUTH2_ACCESS_TOKEN:
            case IDN_OAUTH2_AUTHORIZATION_CODE:
                // NOT IN alone drops a NULL CONSUMER_KEY_ID too.
                return new RowFilter("CONSUMER_KEY_ID IS NULL OR CONSUMER_KEY_ID NOT IN (" + apps + ")",
                        consumerKeys);
            case IDN_OAUTH2_ACCESS_TOKEN_SCOPE:
                return new RowFilter("TOKEN_ID NOT IN (SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN WHERE "
                        + "CONSUMER_KEY_ID IN (" + apps + "))", consumerKeys);
            default:
                return NONE;
        }
    }

    /** The rows of freeze table {@code table} that belong to none of the apps {@code consumerKeys}. */
    static RowFilter excludingApps(String table, List<String> consumerKeys) {
        if (consumerKeys.isEmpty()) {
            return NONE;
        }
        String keys = marks(consumerKeys.size());
        switch (table) {
            case "IDN_OAUTH_CONSUMER_APPS":
                return new RowFilter("CONSUMER_KEY NOT IN (" + keys + ")", consumerKeys);
            case "SP_INBOUND_AUTH":
                return new RowFilter("INBOUND_AUTH_KEY IS NULL OR INBOUND_AUTH_KEY NOT IN (" + keys + ")",
                        consumerKeys);
            case "SP_APP":
                return new RowFilter("ID NOT IN (SELECT APP_ID FROM SP_INBOUND_AUTH WHERE APP_ID IS NOT NULL AND "
                        + "INBOUND_AUTH_KEY IN (" + keys + "))", consumerKeys);
            default:
                return NONE;
        }
    }

    /** {@code " WHERE ..."}, or nothing. */
    String where() {
        return where.isEmpty() ? "" : " WHERE " + where;
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            ps.setString(i + 1, parameters.get(i));
        }
    }

    private static String marks(int n) {
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            marks.add("?");
        }
        return String.join(", ", marks);
    }
}
