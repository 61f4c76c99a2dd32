/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import javax.sql.DataSource;

/**
 * Finds the databases named in {@code identitySchema}. Inside IS this is Carbon's datasource service; the
 * standalone launcher reads the {@code [[datasource]]} blocks of a {@code deployment.toml}.
 */
public interface DataSourceProvider {

    /**
     * @param name as the operator wrote it: a JNDI name ({@code jdbc/source}) or a bare datasource name
     *             ({@code source})
     * @throws DataSourceLookupException when nothing is bound under that name; the message lists what is bound
     */
    DataSource get(String name) throws DataSourceLookupException;
}
