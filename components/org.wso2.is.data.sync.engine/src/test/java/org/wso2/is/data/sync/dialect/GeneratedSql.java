/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mockito.ArgumentCaptor;
import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.ddl.CaptureObject;
import org.wso2.is.data.sync.capture.Journal;
import org.wso2.is.data.sync.config.SyncTable;

/** What the dialect tests share: the generated statements, the script as a client reads it, and the queries sent. */
public final class GeneratedSql {

    /** Oracle's identifier limit before 12.2, which every dialect keeps to so that names are the same everywhere. */
    public static final int NAME_LIMIT = 30;

    // A word is a run of identifier characters; string literals are removed first, so 'U' or 'SCHEMA' is no word.
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$#]*");
    private static final Pattern LITERAL = Pattern.compile("'[^']*'");

    private GeneratedSql() {
    }

    public static List<CaptureObject> objects(Dialect dialect, SyncTable table) {
        return dialect.captureObjects(CaptureNames.of(table));
    }

    /** Every capture object of every synced table, in the order prepare creates them. */
    public static List<CaptureObject> allObjects(Dialect dialect) {
        List<CaptureObject> all = new ArrayList<>();
        for (SyncTable t : SyncTable.values()) {
            all.addAll(objects(dialect, t));
        }
        return all;
    }

    /** Every statement prepare and clean execute through JDBC: each object's create and drop. */
    public static List<String> jdbcStatements(Dialect dialect) {
        List<String> all = new ArrayList<>();
        for (CaptureObject o : allObjects(dialect)) {
            all.add(o.getCreateSql());
            all.add(o.getDropSql());
        }
        return all;
    }

    /** Every statement the generated scripts hold: each object's create, and its drop-if-it-exists for clean. */
    public static List<String> scriptStatements(Dialect dialect) {
        List<String> all = new ArrayList<>();
        for (CaptureObject o : allObjects(dialect)) {
            all.add(o.getCreateSql());
            all.add(dialect.dropIfExists(o));
        }
        return all;
    }

    /** Kind, name and both statements of every object, in order. */
    public static void assertObjects(List<CaptureObject> actual, CaptureObject... expected) {
        assertEquals(expected.length, actual.size(), () -> "objects: " + actual);
        for (int i = 0; i < expected.length; i++) {
            CaptureObject e = expected[i];
            CaptureObject a = actual.get(i);
            assertAll(e.toString(),
                () -> assertEquals(e.getKind(), a.getKind()),
                () -> assertEquals(e.getName(), a.getName()),
                () -> assertEquals(e.getCreateSql(), a.getCreateSql()),
                () -> assertEquals(e.getDropSql(), a.getDropSql()));
        }
    }

    /** No word of {@code sql} outside string literals is longer than {@link #NAME_LIMIT}. */
    public static void assertIdentifiersFit(String sql) {
        Matcher m = WORD.matcher(LITERAL.matcher(sql).replaceAll("''"));
        while (m.find()) {
            String word = m.group();
            assertTrue(word.length() <= NAME_LIMIT, () -> word + " is " + word.length() + " characters, in: " + sql);
        }
    }

    /**
     * {@code statements} written as DdlScriptJob writes them (a comment line, the statement as the client wants it, a
     * blank line), then cut again the way the vendor's client cuts a script: a statement ends at a line for which
     * {@code endsStatement} holds; comment and blank lines before a statement belong to no statement. Equal to
     * {@code statements} only if the client runs each of them whole. The format's opening and closing lines are
     * left out: they hold the client's own commands, not statements.
     */
    public static List<String> asClientReadsThem(ScriptFormat format, List<String> statements,
                                                 Predicate<String> endsStatement) {
        List<String> lines = new ArrayList<>();
        for (String s : statements) {
            lines.add("-- statement");
            lines.addAll(Arrays.asList(format.terminate(s).split("\n", -1)));
            lines.add("");
        }
        List<String> read = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            if (current.isEmpty() && (line.isBlank() || line.startsWith("--"))) {
                continue;
            }
            if (endsStatement.test(line)) {
                read.add(String.join("\n", current));
                current.clear();
            } else {
                current.add(line);
            }
        }
        assertTrue(current.isEmpty(), () -> "the script ends inside a statement: " + current);
        return read;
    }

    /** The query {@link Journal#readOldest} sends for {@code table}, run against a mocked connection. */
    public static String journalReadSent(Dialect dialect, SyncTable table, int rows) throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement ps = mock(PreparedStatement.class);
        when(connection.prepareStatement(anyString())).thenReturn(ps);
        when(ps.executeQuery()).thenReturn(mock(ResultSet.class));
        new Journal(dialect, CaptureNames.of(table)).readOldest(connection, rows);
        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        verify(connection).prepareStatement(sql.capture());
        return sql.getValue();
    }

    /**
     * The query {@link Dialect#exists} sends for {@code object}, run against a mocked connection; asserts that it
     * binds the name as the catalog spells it.
     */
    public static String existsQuerySent(Dialect dialect, CaptureObject object) throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement ps = mock(PreparedStatement.class);
        ResultSet rs = mock(ResultSet.class);
        when(connection.prepareStatement(anyString())).thenReturn(ps);
        when(ps.executeQuery()).thenReturn(rs);
        when(rs.next()).thenReturn(true);
        assertTrue(dialect.exists(connection, object));
        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        verify(connection).prepareStatement(sql.capture());
        verify(ps).setString(1, object.getName());
        return sql.getValue();
    }
}
