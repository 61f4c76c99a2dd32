/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.safetext;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * A database's message made safe for a log line or an error: the synced rows hold live access tokens, refresh
 * tokens, authorization codes and their hashes, and drivers quote row values in their messages (H2's
 * "Value too long ... 'the token'", PostgreSQL's "Failing row contains (...)", pgjdbc's batch entries with their
 * bound values, MariaDB's "Duplicate entry '...'", SQL Server's "duplicate key value is (...)"). What is kept:
 * SQLState, vendor code, and the names of constraints, tables, columns and keys; every literal value is replaced by
 * {@code ?}, whatever the driver. Every path where a database message reaches a log or an error goes through
 * {@link #describe(SQLException)}.
 */
public final class SqlMessages {

    /** PostgreSQL's detail ("Failing row contains (...)", "Key (c)=(v) already exists") and what follows it. */
    private static final Pattern PG_DETAIL = Pattern.compile("(?s)\\s*(?:Detail:|Failing row contains).*$");
    /** pgjdbc's "Batch entry 0 INSERT ... VALUES (('the token'), ...) was aborted: ". */
    private static final Pattern PG_BATCH_ENTRY = Pattern.compile("(?s)(Batch entry \\d+) .* was aborted:");
    /** H2's "; SQL statement:\nINSERT ... [22001-232]": the statement, keeping the error code. */
    private static final Pattern H2_STATEMENT = Pattern.compile("(?s); SQL statement:.*?(\\[\\d+-\\d+\\])?\\s*$");
    /** MariaDB/MySQL dumpQueriesOnException's "Query is: ... parameters [...]". */
    private static final Pattern QUERY_DUMP = Pattern.compile("(?s)\\s*Query is:.*$");
    /** SQL Server's "The duplicate key value is (...)." */
    private static final Pattern MSSQL_KEY_VALUE = Pattern.compile("(?is)\\s*The duplicate key value is \\(.*$");
    /** A quoted text: '..' with '' inside, ".." with "" inside; an unterminated one runs to the end. */
    private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*(?:'|$)|\"(?:[^\"]|\"\")*(?:\"|$)");
    /**
     * The words after which a quoted text names an object rather than holding a value; H2 describes a violated
     * constraint in quotes after "violation:"; Oracle qualifies names ("S"."T"."C", also after "into (").
     */
    private static final Pattern NAMES_FOLLOW = Pattern.compile("(?i)(?:\\b(?:key|column|columns|table|constraint|"
            + "index|object|database|datasource|schema|relation|field|trigger|sequence|view|function|procedure|user|role)"
            + "|\\bviolation:|\\binto \\()\\s*$|[\"`]\\.$");
    private static final String VALUE = "?";

    private SqlMessages() {
    }

    /**
     * An SQLException whose message is already safe (built by this tool from scrubbed parts, such as a lock
     * timeout with the sessions holding the lock): {@link #describe(SQLException)} keeps its text as it is.
     */
    public static SQLException withSafeText(String text, SQLException cause) {
        return new Described(LogText.oneLine(text), cause);
    }

    /** The scrubbed message, on one line, with SQLState and (when the driver sets one) the vendor code. */
    public static String describe(SQLException e) {
        int code = e.getErrorCode();
        return (e instanceof Described ? e.getMessage() : scrub(e.getMessage())) + " (SQLState " + e.getSQLState() + (code == 0 ? "" : ", vendor code " + code)
                + ")";
    }

    /**
     * A failure that may or may not come from the database: an SQLException as {@link #describe(SQLException)},
     * anything else as its class and message, on one line.
     */
    public static String describe(Throwable t) {
        if (t instanceof SQLException) {
            return describe((SQLException) t);
        }
        return t.getClass().getSimpleName() + ": " + LogText.oneLine(t.getMessage());
    }

    /** {@code message} without any literal value, on one line. */
    public static String scrub(String message) {
        if (message == null) {
            return null;
        }
        String s = PG_DETAIL.matcher(message).replaceFirst("");
        s = PG_BATCH_ENTRY.matcher(s).replaceFirst("$1 was aborted:");
        Matcher h2 = H2_STATEMENT.matcher(s);
        if (h2.find()) {
            s = s.substring(0, h2.start()) + (h2.group(1) == null ? "" : " " + h2.group(1));
        }
        s = QUERY_DUMP.matcher(s).replaceFirst("");
        s = MSSQL_KEY_VALUE.matcher(s).replaceFirst("");
        return LogText.oneLine(withoutValues(s));
    }

    /** Quoted texts after a naming word stay (with any value quoted inside them replaced); all others become ?. */
    private static String withoutValues(String s) {
        StringBuilder b = new StringBuilder(s.length());
        Matcher m = QUOTED.matcher(s);
        int last = 0;
        while (m.find()) {
            b.append(s, last, m.start());
            String quoted = m.group();
            char quote = quoted.charAt(0);
            boolean name = NAMES_FOLLOW.matcher(b).find() && quoted.length() > 1
                    && quoted.charAt(quoted.length() - 1) == quote;
            if (name) {
                String inner = quoted.substring(1, quoted.length() - 1);
                b.append(quote).append(inner.indexOf('\'') >= 0 ? withoutValues(inner) : inner).append(quote);
            } else {
                b.append(quote).append(VALUE).append(quote);
            }
            last = m.end();
        }
        return b.append(s, last, s.length()).toString();
    }

    /** A message built by this tool from scrubbed parts. */
    private static final class Described extends SQLException {
        private static final long serialVersionUID = 1L;

        Described(String text, SQLException cause) {
            super(text, cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }
}
