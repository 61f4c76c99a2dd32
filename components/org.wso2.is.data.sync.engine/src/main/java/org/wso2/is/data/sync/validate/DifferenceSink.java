/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.validate;

import java.sql.SQLException;

/** Receives the differing keys of a table one at a time, as the comparison streams them. */
interface DifferenceSink {

    /**
     * @param key       the key as text ({@link RowDigest#key})
     * @param keyValues the typed key values, in primary-key order
     */
    void found(TableDifferences.Kind kind, String key, Object[] keyValues) throws SQLException;
}
