/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.support.Idps;

/**
 * A small multi-tenant data set as IS of a given version writes it: the super tenant and tenants 1 and 2, local
 * users (PRIMARY, SECONDARY) and federated ones (USER_DOMAIN 'FEDERATED'), hashed and unhashed tokens with their
 * scopes, authorization codes, user data; then updates and deletes of some of them. Tenant 3 is created during
 * the sync window: its LOCAL identity provider exists on the source only.
 */
final class TenantDataSet {

    static final int SUPER = -1234;
    static final int LATE_TENANT = 3;
    /** The LOCAL identity provider id of each tenant, deliberately unlike the tenant ids. */
    static final Map<Integer, Integer> LOCAL_IDP = Map.of(SUPER, 3, 1, 8, 2, 11, LATE_TENANT, 14);
    /** A federated identity provider of tenant 1: a row named other than LOCAL, which must not be taken. */
    private static final int GOOGLE_IDP = 9;
    private static final Timestamp CREATED = new Timestamp(1_700_000_000_000L);

    private TenantDataSet() {
    }

    /** The IDP rows a dump carries to the target: every tenant's LOCAL one, and tenant 1's google. */
    static void createIdps(DataSource db, ProductVersion version) throws SQLException {
        for (int tenant : new int[] {SUPER, 1, 2}) {
            Idps.insert(db, version, LOCAL_IDP.get(tenant), tenant, "LOCAL");
        }
        Idps.insert(db, version, GOOGLE_IDP, 1, "google");
    }

    /** Tenant 3 as IS creates it during the sync window, with its LOCAL identity provider, on the source. */
    static void createLateTenant(DataSource source, ProductVersion version) throws SQLException {
        Idps.insert(source, version, LOCAL_IDP.get(LATE_TENANT), LATE_TENANT, "LOCAL");
    }

    /** Writes the data set with the columns of {@code version}; IDP_ID (5.8.0+) as IS of that version would. */
    static void write(DataSource db, ProductVersion version) throws Exception {
        boolean idpId = version != ProductVersion.V5_7_0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (int t : new int[] {SUPER, 1, 2}) {
                token(c, idpId, t + "-local-hashed", t, "alice", "PRIMARY", true, true, LOCAL_IDP.get(t));
                token(c, idpId, t + "-local-plain", t, "bob", t == 1 ? "SECONDARY" : "PRIMARY", false, true,
                        LOCAL_IDP.get(t));
                token(c, idpId, t + "-federated", t, "carol@google.com", "FEDERATED", false, true,
                        t == 1 ? GOOGLE_IDP : -1);
                code(c, idpId, t + "-code-local", t, "alice", "PRIMARY", t == 1, t == 2 ? null : LOCAL_IDP.get(t));
                code(c, idpId, t + "-code-federated", t, "carol@google.com", "FEDERATED", false, -1);
                userData(c, t, "alice", "http://wso2.org/claims/identity/accountLocked", "false");
                userData(c, t, "alice", "http://wso2.org/claims/identity/failedLoginAttempts", "0");
            }
            // USER_DOMAIN NULL fails the migration's != 'FEDERATED': it keeps -1.
            token(c, idpId, "super-null-domain", SUPER, "dave", null, false, true, -1);
            // Only the exact 'FEDERATED' counts as federated for the migration's UPDATE.
            token(c, idpId, "super-federated-prefixed", SUPER, "erin", "FEDERATED:google", false, true,
                    LOCAL_IDP.get(SUPER));
            // No refresh token, no hashes; on a 5.8.0+ source an IDP_ID that IS left NULL.
            token(c, idpId, "2-client-credentials", 2, "app-owner", "PRIMARY", false, false, null);
            token(c, idpId, "3-late-local", LATE_TENANT, "frank", "PRIMARY", true, true, LOCAL_IDP.get(LATE_TENANT));
            code(c, idpId, "3-code-late", LATE_TENANT, "frank", "PRIMARY", true, LOCAL_IDP.get(LATE_TENANT));
            c.commit();
        }
    }

    /** What IS does next: a revocation, a code used, deletions, a claim updated. */
    static void change(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'REVOKED', TOKEN_STATE_ID = ? "
                    + "WHERE TOKEN_ID = ?", "revoked-1", "1-local-plain");
            update(c, "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID = ?", "2-federated");
            update(c, "UPDATE IDN_OAUTH2_AUTHORIZATION_CODE SET STATE = 'INACTIVE', TOKEN_ID = ? WHERE CODE_ID = ?",
                    SUPER + "-local-hashed", SUPER + "-code-local");
            update(c, "DELETE FROM IDN_OAUTH2_AUTHORIZATION_CODE WHERE CODE_ID = ?", "1-code-federated");
            update(c, "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = ? WHERE TENANT_ID = ? AND USER_NAME = ? "
                    + "AND DATA_KEY = ?", "3", 1, "alice", "http://wso2.org/claims/identity/failedLoginAttempts");
            update(c, "DELETE FROM IDN_IDENTITY_USER_DATA WHERE TENANT_ID = ? AND USER_NAME = ? AND DATA_KEY = ?", 2,
                    "alice", "http://wso2.org/claims/identity/accountLocked");
            c.commit();
        }
    }

    private static void token(Connection c, boolean withIdpId, String id, int tenant, String user, String domain,
                              boolean hashed, boolean refresh, Integer idpId) throws Exception {
        Map<String, Object> v = new LinkedHashMap<>();
        String accessToken = "at-" + id;
        String refreshToken = refresh ? "rt-" + id : null;
        v.put("TOKEN_ID", id);
        // Hashed: the column holds the hash (IS's hashing persistence processor); unhashed: the token itself.
        v.put("ACCESS_TOKEN", hashed ? hash(accessToken) : accessToken);
        v.put("REFRESH_TOKEN", hashed && refresh ? hash(refreshToken) : refreshToken);
        v.put("CONSUMER_KEY_ID", 1 + Math.floorMod(tenant, 3));
        v.put("AUTHZ_USER", user);
        v.put("TENANT_ID", tenant);
        v.put("USER_DOMAIN", domain);
        v.put("USER_TYPE", "APPLICATION_USER");
        v.put("GRANT_TYPE", refresh ? "authorization_code" : "client_credentials");
        v.put("TIME_CREATED", CREATED);
        v.put("REFRESH_TOKEN_TIME_CREATED", CREATED);
        v.put("VALIDITY_PERIOD", 3_600_000L);
        v.put("REFRESH_TOKEN_VALIDITY_PERIOD", 86_400_000L);
        v.put("TOKEN_SCOPE_HASH", "scopehash");
        v.put("TOKEN_STATE", "ACTIVE");
        v.put("TOKEN_STATE_ID", "NONE");
        v.put("SUBJECT_IDENTIFIER", user);
        v.put("ACCESS_TOKEN_HASH", refresh ? hash(accessToken) : null);
        v.put("REFRESH_TOKEN_HASH", refresh ? hash(refreshToken) : null);
        if (withIdpId) {
            v.put("IDP_ID", idpId);
        }
        insert(c, "IDN_OAUTH2_ACCESS_TOKEN", v);
        List<String> scopes = hashed ? List.of("openid", "profile") : List.of("openid");
        for (String scope : scopes) {
            update(c, "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) VALUES (?, ?, ?)",
                    id, scope, tenant);
        }
    }

    private static void code(Connection c, boolean withIdpId, String id, int tenant, String user, String domain,
                             boolean pkce, Integer idpId) throws Exception {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("CODE_ID", id);
        v.put("AUTHORIZATION_CODE", "code-" + id);
        v.put("CONSUMER_KEY_ID", 1 + Math.floorMod(tenant, 3));
        v.put("CALLBACK_URL", "https://app.example.com/cb?tenant=" + tenant);
        v.put("SCOPE", "openid profile");
        v.put("AUTHZ_USER", user);
        v.put("TENANT_ID", tenant);
        v.put("USER_DOMAIN", domain);
        v.put("TIME_CREATED", CREATED);
        v.put("VALIDITY_PERIOD", 300_000L);
        v.put("STATE", "ACTIVE");
        v.put("TOKEN_ID", null);
        v.put("SUBJECT_IDENTIFIER", user);
        v.put("PKCE_CODE_CHALLENGE", pkce ? "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" : null);
        v.put("PKCE_CODE_CHALLENGE_METHOD", pkce ? "S256" : null);
        v.put("AUTHORIZATION_CODE_HASH", hash("code-" + id));
        if (withIdpId) {
            v.put("IDP_ID", idpId);
        }
        insert(c, "IDN_OAUTH2_AUTHORIZATION_CODE", v);
    }

    private static void userData(Connection c, int tenant, String user, String key, String value)
            throws SQLException {
        update(c, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) VALUES (?, ?, ?, ?)",
                tenant, user, key, value);
    }

    /** The JSON form IS 5.7+ stores hashes in. */
    private static String hash(String token) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return "{\"algorithm\":\"SHA-256\",\"hash\":\"" + HexFormat.of().formatHex(digest) + "\"}";
    }

    private static void insert(Connection c, String table, Map<String, Object> values) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", values.keySet()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
        update(c, sql, new ArrayList<>(values.values()).toArray());
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    // Of no type: the database infers the column's (PostgreSQL refuses a VARCHAR null for INTEGER).
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            ps.executeUpdate();
        }
    }
}
