/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.mockito.ArgumentCaptor;

/** {@link Dialect#identity} against a mocked connection, for databases no server of which runs in the build. */
public final class IdentityReads {

    private IdentityReads() {
    }

    /** A connection whose every query answers one row of {@code columns} (by position, from 1). */
    public static Connection answering(String... columns) throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement ps = mock(PreparedStatement.class);
        ResultSet rs = mock(ResultSet.class);
        when(connection.prepareStatement(anyString())).thenReturn(ps);
        when(ps.executeQuery()).thenReturn(rs);
        when(rs.next()).thenReturn(true);
        for (int i = 0; i < columns.length; i++) {
            when(rs.getString(i + 1)).thenReturn(columns[i]);
        }
        return connection;
    }

    /** The statements {@code connection} was asked to prepare, in order. */
    public static List<String> sent(Connection connection, int statements) throws SQLException {
        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        verify(connection, times(statements)).prepareStatement(sql.capture());
        return sql.getAllValues();
    }
}
