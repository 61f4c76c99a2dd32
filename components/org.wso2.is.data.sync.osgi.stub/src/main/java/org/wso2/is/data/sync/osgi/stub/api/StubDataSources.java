/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.stub.api;

/** The system properties that choose the stub's datasources, and the credentials they all use. */
public final class StubDataSources {

    /** Comma-separated names of the datasources to bind, e.g. {@code source,target}; each gets JNDI {@code jdbc/<name>}. */
    public static final String DATASOURCES = "stub.datasources";
    /** Comma-separated names of bound datasources whose {@code getConnection()} waits until the caller is interrupted. */
    public static final String SLOW = "stub.slow";
    /**
     * Comma-separated {@code <datasource>:<SQL file>} entries, each run with H2's {@code RUNSCRIPT} before the
     * service is registered, in order: a job that starts with the service finds the tables already there.
     */
    public static final String SCHEMA = "stub.schema";
    /**
     * A properties file that gives bound datasources a real database, as {@code master-datasources.xml} does:
     * {@code <datasource>.url}, {@code .driverClassName}, {@code .username}, {@code .password} and, optionally,
     * {@code .defaultAutoCommit} (true by default) and {@code .maxWait} (milliseconds, 10000 by default). Each datasource named there is a HikariCP pool over its driver,
     * which must be installed as a bundle; the others stay H2 in-memory databases.
     */
    public static final String JDBC = "stub.jdbc";
    /** The credentials of the H2 datasources. */
    public static final String USER = "sync_user";
    /** Distinctive, so a test can search the logs for it. */
    public static final String PASSWORD = "s3cret-pw";

    private StubDataSources() {
    }
}
