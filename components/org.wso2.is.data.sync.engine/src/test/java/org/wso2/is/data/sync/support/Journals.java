/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;

import javax.sql.DataSource;

import org.wso2.is.data.sync.ddl.CaptureNames;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;

/** What the source's journals hold: captured changes not yet applied. */
public final class Journals {

    private Journals() {
    }

    /** Entries pending in the journals of {@code tables}. */
    public static long pending(DataSource source, Collection<SyncTable> tables) throws SQLException {
        long pending = 0;
        for (SyncTable t : tables) {
            pending += IsTraffic.count(source, CaptureNames.of(t).getJournal());
        }
        return pending;
    }

    /** Entries pending in every journal. */
    public static long pending(DataSource source) throws SQLException {
        return pending(source, Arrays.asList(SyncTable.values()));
    }
}
