/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.wso2.is.data.sync.config.ProductVersion;

/**
 * What IS does to the synced tables, as one writer: issue a token with its scopes, refresh it (old row
 * INACTIVE with a new TOKEN_STATE_ID and a new ACTIVE row, in one transaction, as IS does), revoke it, delete
 * it; issue and use authorization codes; write and remove user claims. Some transactions are held open for a
 * while, some rolled back, so commits reach the journal out of order.
 */
public final class IsTraffic {

    /** The OAuth apps every test database holds (as a dump would bring them to the target). */
    public static final int[] APPS = {1, 2, 3};
    /** The IDP_ID that IS 5.8.0+ writes for local users here: the simulator does not model identity providers. */
    private static final int LOCAL_IDP = 1;

    private static final String[] SCOPES = {"openid", "profile", "email", "internal_login"};
    private final DataSource db;
    /** IS 5.8.0 added IDP_ID; a 5.7.0 source has no such column. */
    private final boolean idpId;
    private final Random random;
    private final int tenant;
    private final String user;
    private final double rollbackRate;
    /** This writer's active token per app (the CON_APP_KEY allows one ACTIVE per user, app, scope hash). */
    private final Map<Integer, String> active = new HashMap<>();
    private final List<String> inactive = new ArrayList<>();
    private final List<String> codes = new ArrayList<>();
    private final List<String> claims = new ArrayList<>();
    private int committed;

    public IsTraffic(DataSource db, ProductVersion version, int writer, long seed, double rollbackRate) {
        this.db = db;
        this.idpId = version != ProductVersion.V5_7_0;
        this.random = new Random(seed);
        this.tenant = writer % 3 == 0 ? -1234 : writer;
        this.user = "user" + writer;
        this.rollbackRate = rollbackRate;
    }

    /** Creates the OAuth apps the tokens and codes refer to. */
    public static void createApps(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO IDN_OAUTH_CONSUMER_APPS (ID, CONSUMER_KEY, "
                     + "APP_NAME, USERNAME, TENANT_ID, USER_DOMAIN) VALUES (?, ?, ?, 'admin', -1234, 'PRIMARY')")) {
            c.setAutoCommit(true);
            for (int id : APPS) {
                ps.setInt(1, id);
                ps.setString(2, "ck" + id);
                ps.setString(3, "app" + id);
                ps.executeUpdate();
            }
        }
    }

    /** Runs {@code transactions} transactions; returns how many committed. */
    public int run(int transactions) throws SQLException, InterruptedException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < transactions; i++) {
                Map<Integer, String> activeBefore = new HashMap<>(active);
                List<String> inactiveBefore = new ArrayList<>(inactive);
                List<String> codesBefore = new ArrayList<>(codes);
                List<String> claimsBefore = new ArrayList<>(claims);
                step(c);
                if (random.nextInt(8) == 0) {
                    Thread.sleep(50 + random.nextInt(100));
                }
                if (random.nextDouble() < rollbackRate) {
                    c.rollback();
                    active.clear();
                    active.putAll(activeBefore);
                    inactive.clear();
                    inactive.addAll(inactiveBefore);
                    codes.clear();
                    codes.addAll(codesBefore);
                    claims.clear();
                    claims.addAll(claimsBefore);
                } else {
                    c.commit();
                    committed++;
                }
            }
        }
        return committed;
    }

    private void step(Connection c) throws SQLException {
        int app = APPS[random.nextInt(APPS.length)];
        switch (random.nextInt(9)) {
            case 0:
            case 1:
                if (active.containsKey(app)) {
                    refresh(c, app);
                } else {
                    issue(c, app);
                }
                break;
            case 2:
                if (active.containsKey(app)) {
                    String token = active.remove(app);
                    update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'REVOKED', TOKEN_STATE_ID = ? "
                            + "WHERE TOKEN_ID = ?", UUID.randomUUID().toString(), token);
                    inactive.add(token);
                }
                break;
            case 3:
                if (!inactive.isEmpty()) {
                    update(c, "DELETE FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID = ?",
                            inactive.remove(random.nextInt(inactive.size())));
                }
                break;
            case 4:
                String code = UUID.randomUUID().toString();
                update(c, "INSERT INTO IDN_OAUTH2_AUTHORIZATION_CODE (CODE_ID, AUTHORIZATION_CODE, CONSUMER_KEY_ID, "
                        + "CALLBACK_URL, SCOPE, AUTHZ_USER, TENANT_ID, USER_DOMAIN, TIME_CREATED, VALIDITY_PERIOD, "
                        + "STATE, SUBJECT_IDENTIFIER, AUTHORIZATION_CODE_HASH" + (idpId ? ", IDP_ID" : "")
                        + ") VALUES (?, ?, ?, 'https://app/cb', 'openid', ?, ?, 'PRIMARY', ?, 300000, 'ACTIVE', ?, ?"
                        + (idpId ? ", " + LOCAL_IDP : "") + ")",
                        code, "code-" + code, app, user, tenant, now(), user, "h" + code.hashCode());
                codes.add(code);
                break;
            case 5:
                if (!codes.isEmpty()) {
                    String used = codes.get(random.nextInt(codes.size()));
                    update(c, "UPDATE IDN_OAUTH2_AUTHORIZATION_CODE SET STATE = 'INACTIVE', TOKEN_ID = ? "
                            + "WHERE CODE_ID = ?", active.getOrDefault(app, "none"), used);
                    if (random.nextBoolean()) {
                        update(c, "DELETE FROM IDN_OAUTH2_AUTHORIZATION_CODE WHERE CODE_ID = ?", used);
                        codes.remove(used);
                    }
                }
                break;
            case 6:
            case 7:
                String key = "http://wso2.org/claims/c" + random.nextInt(6);
                if (claims.contains(key)) {
                    update(c, "UPDATE IDN_IDENTITY_USER_DATA SET DATA_VALUE = ? WHERE TENANT_ID = ? AND USER_NAME = ? "
                            + "AND DATA_KEY = ?", "v" + random.nextInt(1000), tenant, user, key);
                } else {
                    update(c, "INSERT INTO IDN_IDENTITY_USER_DATA (TENANT_ID, USER_NAME, DATA_KEY, DATA_VALUE) "
                            + "VALUES (?, ?, ?, ?)", tenant, user, key, "v" + random.nextInt(1000));
                    claims.add(key);
                }
                break;
            default:
                if (!claims.isEmpty()) {
                    String gone = claims.remove(random.nextInt(claims.size()));
                    update(c, "DELETE FROM IDN_IDENTITY_USER_DATA WHERE TENANT_ID = ? AND USER_NAME = ? "
                            + "AND DATA_KEY = ?", tenant, user, gone);
                }
        }
    }

    private void issue(Connection c, int app) throws SQLException {
        String token = UUID.randomUUID().toString();
        insertToken(c, token, app);
        active.put(app, token);
    }

    /** As IS refreshes: the old row leaves the CON_APP_KEY slot, then the new ACTIVE row takes it. */
    private void refresh(Connection c, int app) throws SQLException {
        String old = active.get(app);
        update(c, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TOKEN_STATE = 'INACTIVE', TOKEN_STATE_ID = ? WHERE TOKEN_ID = ?",
                UUID.randomUUID().toString(), old);
        inactive.add(old);
        issue(c, app);
    }

    private void insertToken(Connection c, String token, int app) throws SQLException {
        update(c, "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, REFRESH_TOKEN, CONSUMER_KEY_ID, "
                + "AUTHZ_USER, TENANT_ID, USER_DOMAIN, USER_TYPE, GRANT_TYPE, TIME_CREATED, REFRESH_TOKEN_TIME_CREATED, "
                + "VALIDITY_PERIOD, REFRESH_TOKEN_VALIDITY_PERIOD, TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, "
                + "SUBJECT_IDENTIFIER, ACCESS_TOKEN_HASH, REFRESH_TOKEN_HASH" + (idpId ? ", IDP_ID" : "") + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, 'PRIMARY', 'APPLICATION_USER', 'password', ?, ?, 3600000, 86400000, ?, 'ACTIVE', "
                + "'NONE', ?, ?, ?" + (idpId ? ", " + LOCAL_IDP : "") + ")",
                token, "at-" + token, "rt-" + token, app, user, tenant, now(), now(), "scopehash",
                user + "@carbon.super", "h" + token.hashCode(), "r" + token.hashCode());
        int scopes = 1 + random.nextInt(3);
        for (int i = 0; i < scopes; i++) {
            update(c, "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN_SCOPE (TOKEN_ID, TOKEN_SCOPE, TENANT_ID) VALUES (?, ?, ?)",
                    token, SCOPES[i], tenant);
        }
    }

    private static Timestamp now() {
        // Whole seconds: MariaDB's TIMESTAMP keeps no fractions, and targets must compare equal to sources.
        return new Timestamp(System.currentTimeMillis() / 1000 * 1000);
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    /** Counts rows, to tell a test the workload did something. */
    public static long count(DataSource db, String table) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
                + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
