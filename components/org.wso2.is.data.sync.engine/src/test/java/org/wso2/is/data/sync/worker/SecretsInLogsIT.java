/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.job.JobRunner;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.CapturedLog;
import org.wso2.is.data.sync.support.Journals;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A row the target refuses is reported by SQLState, constraint, table and column, never by its values: the
 * drivers quote them (H2 the value too long, PostgreSQL "Failing row contains (...)" and pgjdbc the bound values of a
 * batch entry), and these are live tokens. The PostgreSQL pools of the tests keep the server's detail on, so the
 * scrubbing alone is proved here.
 */
class SecretsInLogsIT {

    private static final String TOKENS = "IDN_OAUTH2_ACCESS_TOKEN";

    @Test
    void h2AShrunkColumnRefusesARefreshTokenWithoutPrintingIt() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.H2); TestDatabase tgt = TestDatabase.create(
                DatabaseKind.H2); CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            execute(tgt.dataSource(), "ALTER TABLE " + TOKENS + " ALTER COLUMN REFRESH_TOKEN SET DATA TYPE VARCHAR(10)");
            Token t = Token.insert(src.dataSource(), "sub");
            String error = refusal(config, src, tgt, log, t);
            assertTrue(error.contains("Value too long for column \"REFRESH_TOKEN CHARACTER VARYING(10)\""), error);
            assertTrue(error.contains("(SQLState 22001, vendor code 22001)"), error);
            t.assertNowhere(log);
        }
    }

    @Test
    void postgresqlCheckViolationOfABatchUpdateNamesTheConstraintOnly() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL); CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            Token first = Token.insert(src.dataSource(), "sub");
            Token second = Token.insert(src.dataSource(), "sub2");
            drain(config, src, tgt);
            // the refresh: both tokens get a new refresh token, which the target's CHECK refuses
            execute(tgt.dataSource(), "ALTER TABLE " + TOKENS + " ADD CONSTRAINT RT_SHORT CHECK "
                    + "(LENGTH(REFRESH_TOKEN) < 60)");
            Token refreshedFirst = first.refresh(src.dataSource());
            Token refreshedSecond = second.refresh(src.dataSource());
            String error = refusal(config, src, tgt, log, refreshedFirst);
            assertTrue(error.contains("violates check constraint \"rt_short\""), error);
            assertTrue(error.contains("(SQLState 23514)"), error);
            for (Token t : Arrays.asList(first, second, refreshedFirst, refreshedSecond)) {
                t.assertNowhere(log);
            }
        }
    }

    @Test
    void postgresqlNotNullViolationNamesTheColumnOnly() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL); CapturedLog log = CapturedLog.attach()) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            execute(tgt.dataSource(), "ALTER TABLE " + TOKENS + " ALTER COLUMN SUBJECT_IDENTIFIER SET NOT NULL");
            Token t = Token.insert(src.dataSource(), null);
            String error = refusal(config, src, tgt, log, t);
            assertTrue(error.contains("null value in column \"subject_identifier\" of relation "
                    + "\"idn_oauth2_access_token\" violates not-null constraint"), error);
            assertTrue(error.contains("(SQLState 23502)"), error);
            t.assertNowhere(log);
        }
    }

    /** Syncs until the token's table logs its refusal; returns that ERROR. */
    private static String refusal(SyncConfiguration config, TestDatabase src, TestDatabase tgt, CapturedLog log,
                                  Token t) throws Exception {
        JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), false);
        sync.start();
        try {
            Poll.until("an ERROR says the target refuses a token", Duration.ofSeconds(30),
                    () -> !log.find(Level.ERROR, m -> m.startsWith(TOKENS + "+") && m.contains(" refuses ")).isEmpty());
        } finally {
            assertTrue(sync.stop(30_000), "the sync stops");
        }
        List<CapturedLog.Line> errors = log.find(Level.ERROR, m -> m.startsWith(TOKENS + "+"));
        String error = errors.get(0).getMessage();
        assertFalse(error.contains("\n"), error);
        return error;
    }

    private static void drain(SyncConfiguration config, TestDatabase src, TestDatabase tgt) throws Exception {
        JobRunner sync = SyncIT.runner(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), true);
        sync.start();
        sync.await(60_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(0, Journals.pending(src.dataSource()));
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A token whose every secret column holds a value that must never be printed. */
    private static final class Token {
        final String id;
        final String accessToken;
        final String refreshToken;
        final String accessTokenHash;
        final String refreshTokenHash;

        private Token(String id, String accessToken, String refreshToken, String accessTokenHash,
                      String refreshTokenHash) {
            this.id = id;
            this.accessToken = accessToken;
            this.refreshToken = refreshToken;
            this.accessTokenHash = accessTokenHash;
            this.refreshTokenHash = refreshTokenHash;
        }

        static Token insert(DataSource db, String subject) throws SQLException {
            String id = UUID.randomUUID().toString();
            Token t = new Token(id, secret("at"), secret("rt"), secret("ath"), secret("rth"));
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + TOKENS
                    + " (TOKEN_ID, ACCESS_TOKEN, REFRESH_TOKEN, CONSUMER_KEY_ID, AUTHZ_USER, TENANT_ID, USER_DOMAIN, "
                    + "USER_TYPE, GRANT_TYPE, TIME_CREATED, REFRESH_TOKEN_TIME_CREATED, VALIDITY_PERIOD, "
                    + "REFRESH_TOKEN_VALIDITY_PERIOD, TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, SUBJECT_IDENTIFIER, "
                    + "ACCESS_TOKEN_HASH, REFRESH_TOKEN_HASH, IDP_ID) VALUES (?, ?, ?, 1, ?, -1234, 'PRIMARY', "
                    + "'APPLICATION_USER', 'password', ?, ?, 3600000, 86400000, 'scopehash', 'ACTIVE', 'NONE', ?, ?, ?, "
                    + "1)")) {
                Timestamp now = new Timestamp(System.currentTimeMillis() / 1000 * 1000);
                ps.setString(1, id);
                ps.setString(2, t.accessToken);
                ps.setString(3, t.refreshToken);
                ps.setString(4, "user-" + id);
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, now);
                ps.setString(7, subject);
                ps.setString(8, t.accessTokenHash);
                ps.setString(9, t.refreshTokenHash);
                ps.executeUpdate();
            }
            return t;
        }

        /** A new refresh token and hash for this token. */
        Token refresh(DataSource db) throws SQLException {
            Token t = new Token(id, accessToken, secret("rt2") + secret("x"), accessTokenHash, secret("rth2"));
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE " + TOKENS
                    + " SET REFRESH_TOKEN = ?, REFRESH_TOKEN_HASH = ? WHERE TOKEN_ID = ?")) {
                ps.setString(1, t.refreshToken);
                ps.setString(2, t.refreshTokenHash);
                ps.setString(3, id);
                assertEquals(1, ps.executeUpdate());
            }
            return t;
        }

        private static String secret(String what) {
            return what + "-SECRET-" + UUID.randomUUID();
        }

        void assertNowhere(CapturedLog log) {
            for (CapturedLog.Line l : log.lines()) {
                for (String secret : Arrays.asList(accessToken, refreshToken, accessTokenHash, refreshTokenHash)) {
                    assertFalse(l.getMessage().contains(secret), "a secret was logged: " + l);
                }
                assertFalse(l.getMessage().contains("-SECRET-"), "a secret was logged: " + l);
            }
        }
    }
}
