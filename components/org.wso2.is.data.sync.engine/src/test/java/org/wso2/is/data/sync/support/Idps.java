/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.ProductVersion;

/** Identity provider rows (table IDP), as IS keeps one LOCAL (resident) identity provider per tenant. */
public final class Idps {

    private Idps() {
    }

    /** Inserts an IDP row with the given id; IS 5.10.0 also needs a UUID. */
    public static void insert(DataSource db, ProductVersion version, int id, int tenant, String name)
            throws SQLException {
        boolean uuid = version.compareTo(ProductVersion.V5_10_0) >= 0;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO IDP (ID, "
                + "TENANT_ID, NAME" + (uuid ? ", UUID) VALUES (?, ?, ?, ?)" : ") VALUES (?, ?, ?)"))) {
            c.setAutoCommit(true);
            ps.setInt(1, id);
            ps.setInt(2, tenant);
            ps.setString(3, name);
            if (uuid) {
                ps.setString(4, UUID.randomUUID().toString());
            }
            ps.executeUpdate();
        }
    }
}
