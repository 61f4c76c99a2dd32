/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.wso2.is.data.sync.config.ProductVersion;

/**
 * The IS tables the tool does not sync but that the endpoint freeze protects, from the dump to the cut-over: a
 * change to one of them on the old IS in that time is lost at the cut-over. Validate compares them (see
 * docs/operator-guide.md, "Freeze drift"). Every IS version from 5.7.0 to 5.10.0 creates all of them; the user
 * store tables ({@code UM_*}) are in the identity database only where IS keeps its JDBC user store there (5.7.0 and
 * 5.8.0's single WSO2_CARBON_DB by default; from 5.9.0 they default to the shared database), and a table absent
 * on a side is reported as not compared.
 *
 * <p>Rows are matched by a natural key where the table has one (the surrogate ids of a dump are the same on both
 * sides, but a row added on each side after it may take the same id), by the id otherwise.
 */
public final class FreezeTables {

    /** One protected table and the key its rows are matched by. */
    public static final class Table {
        private final String name;
        private final List<String> key;

        Table(String name, String... key) {
            this.name = name;
            this.key = Collections.unmodifiableList(Arrays.asList(key));
        }

        public String getName() {
            return name;
        }

        public List<String> getKey() {
            return key;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Table> ALL = Collections.unmodifiableList(Arrays.asList(
            new Table("UM_TENANT", "UM_DOMAIN_NAME"),
            new Table("UM_USER", "UM_TENANT_ID", "UM_USER_NAME"),
            new Table("UM_ROLE", "UM_TENANT_ID", "UM_ROLE_NAME"),
            new Table("UM_USER_ROLE", "UM_TENANT_ID", "UM_USER_ID", "UM_ROLE_ID"),
            new Table("UM_HYBRID_ROLE", "UM_TENANT_ID", "UM_ROLE_NAME"),
            new Table("UM_HYBRID_USER_ROLE", "UM_TENANT_ID", "UM_USER_NAME", "UM_ROLE_ID", "UM_DOMAIN_ID"),
            new Table("UM_USER_ATTRIBUTE", "UM_TENANT_ID", "UM_ID"),
            new Table("IDN_OAUTH_CONSUMER_APPS", "CONSUMER_KEY"),
            new Table("SP_APP", "TENANT_ID", "APP_NAME"),
            new Table("SP_INBOUND_AUTH", "ID"),
            new Table("IDP", "TENANT_ID", "NAME"),
            new Table("IDP_AUTHENTICATOR", "ID"),
            new Table("IDP_AUTHENTICATOR_PROPERTY", "ID"),
            new Table("IDP_METADATA", "ID"),
            new Table("IDP_CLAIM", "ID"),
            new Table("IDP_ROLE", "ID"),
            new Table("IDP_PROVISIONING_CONFIG", "ID"),
            new Table("IDP_LOCAL_CLAIM", "ID")));

    private FreezeTables() {
    }

    /** The protected tables of IS {@code version} (the same list for every supported version). */
    public static List<Table> of(ProductVersion version) {
        return ALL;
    }

    /** The protected table named {@code name} (case-insensitive, blanks ignored), or null. */
    public static Table fromName(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (Table t : ALL) {
            if (t.name.equals(wanted)) {
                return t;
            }
        }
        return null;
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Table t : ALL) {
            names.add(t.name);
        }
        return names;
    }

    /**
     * Whether the IS migration from {@code source} to {@code target} changes {@code table}'s columns: then only
     * the row count and the keys can be compared, not the content. Of the tables above, only IDP changes (5.10.0
     * adds IMAGE_URL and UUID, which the migration fills). Validate also compares by keys any table whose
     * columns differ between the two databases as they are (a customised schema).
     */
    public static boolean shapeChanges(Table table, ProductVersion source, ProductVersion target) {
        return "IDP".equals(table.name) && source != ProductVersion.V5_10_0 && target == ProductVersion.V5_10_0;
    }
}
