/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform.v580;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The id of each tenant's LOCAL (resident) identity provider, read from the source's IDP table. The source,
 * not the target: the target is a dump of the source and holds the same ids, but a tenant created during the
 * sync window has its LOCAL row on the source only. All LOCAL rows are read in one query (one row per tenant)
 * and cached; the cache is read again when a batch has a tenant it lacks. Not thread-safe: each chain has its
 * own, and a chain serves one worker or one validation.
 */
final class LocalIdps {

    private static final String SELECT = "SELECT TENANT_ID, ID FROM IDP WHERE NAME = 'LOCAL'";

    private final Map<Long, Integer> byTenant = new HashMap<>();

    /**
     * The LOCAL identity provider id of each of {@code tenants} (a null tenant has none).
     *
     * @throws IllegalStateException naming the tenants that have no LOCAL identity provider on the source: not
     *         an SQLException, which the worker would report as the target refusing a key
     */
    Map<Long, Integer> of(Set<Long> tenants, Connection source, String table) throws SQLException {
        if (!missing(tenants).isEmpty()) {
            reload(source);
        }
        Set<Long> missing = missing(tenants);
        if (!missing.isEmpty()) {
            // The migration's single UPDATE would fail on such a tenant and leave -1 in every row of the table
            // (docs/version-changes.md, open question 2): an error a person must look at, not a value to guess.
            throw new IllegalStateException(table + ": no LOCAL identity provider (IDP.NAME = 'LOCAL') on the "
                    + "source for the tenants " + missing + ", so IDP_ID of their local users' rows cannot be set as "
                    + "the 5.8.0 migration sets it");
        }
        return byTenant;
    }

    private Set<Long> missing(Set<Long> tenants) {
        Set<Long> missing = new TreeSet<>(Comparator.nullsFirst(Comparator.<Long>naturalOrder()));
        for (Long t : tenants) {
            if (t == null || !byTenant.containsKey(t)) {
                missing.add(t);
            }
        }
        return missing;
    }

    private void reload(Connection source) throws SQLException {
        Map<Long, Integer> read = new HashMap<>();
        try (PreparedStatement ps = source.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long tenant = rs.getLong(1);
                // A LOCAL row without a tenant matches no row's tenant in the migration's subquery either.
                if (!rs.wasNull()) {
                    read.put(tenant, rs.getInt(2));
                }
            }
        }
        // Replaced, not merged: a LOCAL row that was deleted and created again has a new id.
        byTenant.clear();
        byTenant.putAll(read);
    }
}
