/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.safetext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** The drivers' own texts (as they word them) lose every value and keep every name. */
class SqlMessagesTest {

    @Test
    void h2ValueTooLongKeepsTheColumnAndTheCode() {
        assertEquals("Value too long for column \"REFRESH_TOKEN CHARACTER VARYING(10)\": \"?\" [22001-232]",
                SqlMessages.scrub("Value too long for column \"REFRESH_TOKEN CHARACTER VARYING(10)\": "
                        + "\"'rt-secret-value' (15)\"; SQL statement:\nUPDATE T SET REFRESH_TOKEN = ? "
                        + "WHERE ID = ? [22001-232]"));
    }

    @Test
    void h2UniqueViolationKeepsTheIndexNotTheValues() {
        assertEquals("Unique index or primary key violation: \"PUBLIC.IDX ON PUBLIC.T(TOKEN_HASH NULLS FIRST) "
                + "VALUES ( /* 2 */ '?' )\" [23505-232]",
                SqlMessages.scrub("Unique index or primary key violation: \"PUBLIC.IDX ON PUBLIC.T(TOKEN_HASH NULLS "
                        + "FIRST) VALUES ( /* 2 */ 'hash-secret' )\"; SQL statement:\nINSERT INTO T VALUES (?, ?) "
                        + "[23505-232]"));
    }

    @Test
    void postgresqlDetailAndBatchEntryAreDropped() {
        assertEquals("Batch entry 0 was aborted: ERROR: new row for relation \"t\" violates check constraint "
                + "\"t_len\"",
                SqlMessages.scrub("Batch entry 0 INSERT INTO t (id, token) VALUES (('1'), ('tok-secret')) was "
                        + "aborted: ERROR: new row for relation \"t\" violates check constraint \"t_len\"\n"
                        + "  Detail: Failing row contains (1, tok-secret).  Call getNextException to see other "
                        + "errors in the batch."));
        assertEquals("ERROR: null value in column \"token\" of relation \"t\" violates not-null constraint",
                SqlMessages.scrub("ERROR: null value in column \"token\" of relation \"t\" violates not-null "
                        + "constraint\n  Detail: Failing row contains (1, null, code-secret)."));
        assertEquals("ERROR: invalid input syntax for type integer: \"?\"",
                SqlMessages.scrub("ERROR: invalid input syntax for type integer: \"tok-secret\""));
    }

    @Test
    void mariadbKeepsKeyAndColumnNames() {
        assertEquals("(conn=12) Duplicate entry '?' for key 'CON_APP_KEY'",
                SqlMessages.scrub("(conn=12) Duplicate entry 'tok-secret-1234' for key 'CON_APP_KEY'"));
        assertEquals("Data too long for column 'REFRESH_TOKEN' at row 1",
                SqlMessages.scrub("Data too long for column 'REFRESH_TOKEN' at row 1\nQuery is: UPDATE t SET "
                        + "REFRESH_TOKEN=? , parameters ['rt-secret']"));
    }

    @Test
    void ourOwnMessagesKeepTheDatasourceName() {
        assertEquals("datasource 'jdbc/target': the job is stopping and its connections were cut",
                SqlMessages.scrub("datasource 'jdbc/target': the job is stopping and its connections were cut"));
    }

    @Test
    void sqlServerAndOracleKeepNames() {
        assertEquals("Violation of PRIMARY KEY constraint 'PK_T'. Cannot insert duplicate key in object 'dbo.T'.",
                SqlMessages.scrub("Violation of PRIMARY KEY constraint 'PK_T'. Cannot insert duplicate key in "
                        + "object 'dbo.T'. The duplicate key value is (code-secret)."));
        assertEquals("String or binary data would be truncated in table 'is.dbo.T', column 'TOKEN'. "
                + "Truncated value: '?'.", SqlMessages.scrub("String or binary data would be truncated in table "
                        + "'is.dbo.T', column 'TOKEN'. Truncated value: 'tok-se'."));
        assertEquals("ORA-01400: cannot insert NULL into (\"IS\".\"T\".\"TOKEN\")",
                SqlMessages.scrub("ORA-01400: cannot insert NULL into (\"IS\".\"T\".\"TOKEN\")"));
        assertEquals("ORA-12899: value too large for column \"IS\".\"T\".\"TOKEN\" (actual: 20, maximum: 10)",
                SqlMessages.scrub("ORA-12899: value too large for column \"IS\".\"T\".\"TOKEN\" (actual: 20, "
                        + "maximum: 10)"));
    }

    @Test
    void anUnterminatedQuoteHidesTheRestAndNewlinesAreEncoded() {
        assertEquals("Incorrect string value: '?'", SqlMessages.scrub("Incorrect string value: 'tok-sec\nret"));
        assertEquals("first line\\nsecond line \\\\ end", SqlMessages.scrub("first line\nsecond line \\ end"));
    }

    @Test
    void describeAddsStateAndVendorCode() {
        assertEquals("Duplicate entry '?' for key 'PRIMARY' (SQLState 23000, vendor code 1062)",
                SqlMessages.describe(new SQLException("Duplicate entry 'x' for key 'PRIMARY'", "23000", 1062)));
        assertEquals("ERROR: boom (SQLState 55P03)", SqlMessages.describe(new SQLException("ERROR: boom", "55P03")));
    }
}
