/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.schema.TableDefinitions;

/**
 * The chain of every supported pair yields exactly the target version's columns, and the steps that need no
 * database change the values as docs/version-changes.md says. A null source connection proves no lookup ran.
 */
class TransformersTest {

    /** Every (source, target) the configuration accepts: all of its allowed sources times its allowed targets. */
    static Stream<Arguments> supportedPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (String s : ProductVersion.sourceLabels()) {
            for (String t : ProductVersion.targetLabels()) {
                pairs.add(Arguments.of(ProductVersion.fromLabel(s), ProductVersion.fromLabel(t)));
            }
        }
        return pairs.stream();
    }

    private static Rows rows(SyncTable table, ProductVersion version, Object[]... values) {
        List<String> columns = TableDefinitions.columns(table, version);
        int[] types = new int[columns.size()];
        Arrays.fill(types, Types.VARCHAR);
        Rows rows = new Rows(columns, types);
        for (Object[] v : values) {
            rows.add(v);
        }
        return rows;
    }

    private static Object[] token(String userDomain, Object idpId, ProductVersion version) {
        List<Object> v = new ArrayList<>(Arrays.asList("tok", "at", "rt", 1, "alice", 1, userDomain,
                "APPLICATION_USER", "password", null, null, 3600L, 86400L, "h", "ACTIVE", "NONE", "alice",
                "{\"algorithm\":\"SHA-256\",\"hash\":\"a\"}", null));
        if (version != ProductVersion.V5_7_0) {
            v.add(idpId);
        }
        return v.toArray();
    }

    private static Object value(Rows rows, int row, String column) {
        return rows.getValues().get(row)[rows.indexOf(column)];
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("supportedPairs")
    void everySupportedPairYieldsTheTargetVersionsColumns(ProductVersion source, ProductVersion target)
            throws Exception {
        for (SyncTable table : SyncTable.values()) {
            Rows out = Transformers.chain(table, source, target).transform(rows(table, source), null);
            assertEquals(TableDefinitions.columns(table, target), out.getColumns(),
                    table + " " + source + " to " + target);
        }
    }

    @Test
    void aTargetBeforeTheSourceHasNoChain() {
        assertThrows(IllegalArgumentException.class,
                () -> Transformers.chain(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, ProductVersion.V5_10_0,
                        ProductVersion.V5_9_0));
    }

    @Test
    void sameVersionPassesRowsThroughUnchanged() throws Exception {
        Object[] row = token("PRIMARY", null, ProductVersion.V5_9_0);
        Rows out = Transformers.chain(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, ProductVersion.V5_9_0, ProductVersion.V5_9_0)
                .transform(rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, ProductVersion.V5_9_0, row), null);
        assertArrayEquals(row, out.getValues().get(0));
    }

    @Test
    void step5100AddsTokenBindingNoneAndGivesANullIdpIdTheNewDefault() throws Exception {
        Rows out = Transformers.chain(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, ProductVersion.V5_9_0,
                ProductVersion.V5_10_0).transform(rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, ProductVersion.V5_9_0,
                token("PRIMARY", 8, ProductVersion.V5_9_0), token("FEDERATED", null, ProductVersion.V5_9_0)), null);
        assertEquals(8, value(out, 0, "IDP_ID"));
        assertEquals(-1, value(out, 1, "IDP_ID"));
        assertEquals("NONE", value(out, 0, "TOKEN_BINDING_REF"));
        assertEquals("NONE", value(out, 1, "TOKEN_BINDING_REF"));
        assertEquals(Types.VARCHAR, out.sqlType(out.indexOf("TOKEN_BINDING_REF")));

        Rows codes = rows(SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE, ProductVersion.V5_8_0, new Object[] {"c", "ac", 1,
                "https://cb", "openid", "bob", 2, "PRIMARY", null, 300000L, "ACTIVE", null, "bob", null, null, "h",
                null});
        Rows outCodes = Transformers.chain(SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE, ProductVersion.V5_8_0,
                ProductVersion.V5_10_0).transform(codes, null);
        assertEquals(-1, value(outCodes, 0, "IDP_ID"));
    }

    @Test
    void step580NeedsNoLookupWhenNoRowIsALocalUsers() throws Exception {
        // USER_DOMAIN 'FEDERATED' and NULL both fail the migration's USER_DOMAIN != 'FEDERATED': they keep -1.
        Rows out = Transformers.chain(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, ProductVersion.V5_7_0,
                ProductVersion.V5_10_0).transform(rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, ProductVersion.V5_7_0,
                token("FEDERATED", null, ProductVersion.V5_7_0), token(null, null, ProductVersion.V5_7_0)), null);
        assertEquals(-1, value(out, 0, "IDP_ID"));
        assertEquals(-1, value(out, 1, "IDP_ID"));
        assertEquals(Types.INTEGER, out.sqlType(out.indexOf("IDP_ID")));
    }

    @Test
    void scopesAndUserDataAreNeverChanged() throws Exception {
        Object[] scope = {"tok", "openid", 1};
        Object[] data = {2, "alice", "http://wso2.org/claims/identity/accountLocked", "false"};
        Rows scopes = Transformers.chain(SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE, ProductVersion.V5_7_0,
                ProductVersion.V5_10_0).transform(rows(SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE,
                ProductVersion.V5_7_0, scope), null);
        Rows users = Transformers.chain(SyncTable.IDN_IDENTITY_USER_DATA, ProductVersion.V5_7_0,
                ProductVersion.V5_10_0).transform(rows(SyncTable.IDN_IDENTITY_USER_DATA, ProductVersion.V5_7_0,
                data), null);
        assertArrayEquals(scope, scopes.getValues().get(0));
        assertArrayEquals(data, users.getValues().get(0));
    }
}
