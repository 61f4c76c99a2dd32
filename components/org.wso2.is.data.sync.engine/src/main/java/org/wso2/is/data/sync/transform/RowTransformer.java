/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.transform;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Turns rows of one table as the source version stores them into rows as the target version stores them:
 * what the IS migration client would have made of the same rows. One transformer per version step and table.
 */
public interface RowTransformer {

    /**
     * @param source a connection to the source, for lookups a step may need (e.g. identity provider ids)
     */
    Rows transform(Rows rows, Connection source) throws SQLException;
}
