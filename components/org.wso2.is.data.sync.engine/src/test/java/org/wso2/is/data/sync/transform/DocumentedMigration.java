/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.support.TableComparison;

/**
 * What the IS migration client makes of a source row, written from docs/version-changes.md and not from the
 * transformer code, so that a test compares the two.
 */
final class DocumentedMigration {

    private DocumentedMigration() {
    }

    /**
     * The row the migration from {@code source} to {@code target} leaves for {@code row}, given each tenant's
     * LOCAL identity provider id.
     */
    static Map<String, Object> migrate(SyncTable table, ProductVersion source, ProductVersion target,
                                       Map<String, Object> row, Map<Integer, Integer> localIdp) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        boolean tokensOrCodes = table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN
                || table == SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE;
        if (tokensOrCodes && source == ProductVersion.V5_7_0) {
            // 5.8.0, step1 script: IDP_ID added NOT NULL with -1 in every row. OAuthDataMigrator: SET IDP_ID = the
            // LOCAL IdP id of the row's own tenant WHERE USER_DOMAIN != 'FEDERATED' (NULL fails that test too).
            Object domain = row.get("USER_DOMAIN");
            int tenant = ((Number) row.get("TENANT_ID")).intValue();
            out.put("IDP_ID", domain == null || "FEDERATED".equals(domain) ? -1 : localIdp.get(tenant));
        }
        if (tokensOrCodes && target == ProductVersion.V5_10_0 && out.get("IDP_ID") == null) {
            // 5.10.0 makes IDP_ID NOT NULL DEFAULT -1. The migration would fail on a NULL; the tool's decision is
            // the new default, what an INSERT without the column gets.
            out.put("IDP_ID", -1);
        }
        if (table == SyncTable.IDN_OAUTH2_ACCESS_TOKEN && target == ProductVersion.V5_10_0) {
            // 5.10.0: TOKEN_BINDING_REF added with DEFAULT 'NONE', which the existing rows get.
            out.put("TOKEN_BINDING_REF", "NONE");
        }
        // 5.8.0 → 5.9.0 changes nothing in the four tables; scopes and user data never change.
        return out;
    }

    /** Every row of {@code table}, column name to value. */
    static List<Map<String, Object>> read(DataSource db, SyncTable table, List<String> columns)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT "
                + String.join(", ", columns) + " FROM " + table); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i), rs.getObject(i + 1));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Each row as {@code COL=value|...} over exactly {@code columns} (a missing one reads "absent"), sorted:
     * databases collate differently.
     */
    static List<String> text(List<Map<String, Object>> rows, List<String> columns) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            StringBuilder s = new StringBuilder();
            for (String c : columns) {
                s.append(c).append('=').append(row.containsKey(c) ? TableComparison.normalize(row.get(c)) : "absent").append('|');
            }
            out.add(s.toString());
        }
        Collections.sort(out);
        return out;
    }

}
