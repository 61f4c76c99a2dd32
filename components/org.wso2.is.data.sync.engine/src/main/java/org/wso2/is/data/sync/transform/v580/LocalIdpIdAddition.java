/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v580;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.wso2.is.data.sync.transform.RowTransformer;
import org.wso2.is.data.sync.transform.Rows;

/**
 * Adds IDP_ID as the 5.8.0 migration leaves it: the step1 script adds the column with -1 in every row, then
 * {@code OAuthDataMigrator} runs {@code SET IDP_ID = (SELECT ID FROM IDP WHERE IDP.TENANT_ID = <row's TENANT_ID>
 * AND IDP.NAME = 'LOCAL') WHERE USER_DOMAIN != 'FEDERATED'}. So a row gets its own tenant's LOCAL identity
 * provider id unless its USER_DOMAIN is 'FEDERATED' or NULL (NULL fails the != test); those keep -1.
 */
abstract class LocalIdpIdAddition implements RowTransformer {

    /** What the step1 script puts in every row, and what the UPDATE leaves in the rows it skips. */
    private static final int NOT_UPDATED = -1;
    private static final String FEDERATED = "FEDERATED";

    private final String table;
    private final LocalIdps idps = new LocalIdps();

    LocalIdpIdAddition(String table) {
        this.table = table;
    }

    @Override
    public Rows transform(Rows rows, Connection source) throws SQLException {
        int tenant = rows.indexOf("TENANT_ID");
        int domain = rows.indexOf("USER_DOMAIN");
        Set<Long> tenants = new HashSet<>();
        for (Object[] row : rows.getValues()) {
            if (updated(row[domain])) {
                tenants.add(tenantOf(row[tenant]));
            }
        }
        Map<Long, Integer> ids = tenants.isEmpty() ? null : idps.of(tenants, source, table);
        return rows.plusColumn("IDP_ID", Types.INTEGER,
                row -> updated(row[domain]) ? ids.get(tenantOf(row[tenant])) : NOT_UPDATED);
    }

    /**
     * Whether the migration's {@code WHERE USER_DOMAIN != 'FEDERATED'} selects the row: compared exactly, as
     * PostgreSQL, H2, Oracle and DB2 compare (IS writes the domain in capitals).
     */
    private static boolean updated(Object userDomain) {
        return userDomain != null && !FEDERATED.equals(userDomain);
    }

    /** Drivers return the same integer as Integer, Long or BigDecimal. */
    private static Long tenantOf(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
