/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.is.data.sync.changelog.ChangeLogReader;
import org.wso2.is.data.sync.changelog.LogCapture;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;

/** A log capture for the pump's unit tests: each overrides what its test calls; anything else is a test bug. */
abstract class LogCaptureStub implements LogCapture {

    @Override
    public long lagBytes(Connection source, String stored) throws SQLException {
        throw new UnsupportedOperationException();
    }

    @Override
    public String problem(Connection source, List<SyncTable> tables, String where) throws SQLException {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> preflight(Connection source, List<SyncTable> tables, String where) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> prepare(Connection source, List<SyncTable> tables, String where) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> clean(Connection source, String where) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ChangeLogReader open(DataSource source, String sourceName, SyncConfiguration config,
                                List<SyncTable> tables, String from) throws SQLException {
        throw new UnsupportedOperationException();
    }

    @Override
    public String currentPosition(Connection source) throws SQLException {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean reached(String position, String goal) {
        throw new UnsupportedOperationException();
    }
}
