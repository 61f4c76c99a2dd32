/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v580;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.TableDefinitions;
import org.wso2.is.data.sync.support.Idps;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;

/**
 * The 5.8.0 step's IdP lookup on a real IDP table (on H2 and PostgreSQL the 5.7.0 schema is our derived one):
 * each row gets its own tenant's LOCAL id, the ids are cached, and read again when a tenant is missing.
 */
class Step580LookupIT {

    private static Rows rows(SyncTable table, Object[]... tenantAndDomain) {
        List<String> columns = TableDefinitions.columns(table, ProductVersion.V5_7_0);
        int[] types = new int[columns.size()];
        Arrays.fill(types, Types.VARCHAR);
        Rows rows = new Rows(columns, types);
        for (Object[] td : tenantAndDomain) {
            Object[] row = new Object[columns.size()];
            row[columns.indexOf("TENANT_ID")] = td[0];
            row[columns.indexOf("USER_DOMAIN")] = td[1];
            rows.add(row);
        }
        return rows;
    }

    private static Object[] row(Object tenant, String userDomain) {
        return new Object[] {tenant, userDomain};
    }

    private static List<Object> idpIds(RowTransformer step, Rows rows, Connection c) throws Exception {
        Rows out = step.transform(rows, c);
        List<Object> ids = new ArrayList<>();
        for (Object[] row : out.getValues()) {
            ids.add(row[out.indexOf("IDP_ID")]);
        }
        return ids;
    }

    @OnEachDatabase
    void eachRowGetsItsOwnTenantsLocalIdCachedAndReadAgainOnAMiss(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            IsSchema.create(db, "5.7.0");
            DataSource ds = db.dataSource();
            Idps.insert(ds, ProductVersion.V5_7_0, 3, -1234, "LOCAL");
            Idps.insert(ds, ProductVersion.V5_7_0, 8, 1, "LOCAL");
            Idps.insert(ds, ProductVersion.V5_7_0, 9, 1, "google");
            RowTransformer tokens = new Step580Token();
            try (Connection c = ds.getConnection()) {
                // Only USER_DOMAIN decides, and only the exact 'FEDERATED' (or NULL) keeps -1, as in the migration.
                assertEquals(Arrays.asList(3, 8, -1, -1, 8), idpIds(tokens, rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN,
                        row(-1234, "PRIMARY"), row(1L, "SECONDARY"), row(1, "FEDERATED"), row(1, null),
                        row(1, "FEDERATED:google")), c));

                // Every tenant of the batch is cached: the changed id is not read.
                CaptureIT.exec(db, "UPDATE IDP SET ID = 30 WHERE TENANT_ID = -1234 AND NAME = 'LOCAL'");
                assertEquals(Arrays.asList(3), idpIds(tokens, rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN,
                        row(-1234, "PRIMARY")), c));

                // A tenant the cache lacks (created since): all LOCAL ids are read again.
                Idps.insert(ds, ProductVersion.V5_7_0, 12, 2, "LOCAL");
                assertEquals(Arrays.asList(12, 30), idpIds(tokens, rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN,
                        row(2, "PRIMARY"), row(-1234, "PRIMARY")), c));

                // A tenant with no LOCAL row: an error naming it, not a guessed value.
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> tokens.transform(
                        rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, row(1, "PRIMARY"), row(5, "PRIMARY")), c));
                assertTrue(e.getMessage().contains("IDN_OAUTH2_ACCESS_TOKEN") && e.getMessage().contains("[5]"),
                        e.getMessage());

                assertEquals(Arrays.asList(-1, 12), idpIds(new Step580AuthorizationCode(),
                        rows(SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE, row(2, "FEDERATED"), row(2, "PRIMARY")), c));
            }
        }
    }
}
