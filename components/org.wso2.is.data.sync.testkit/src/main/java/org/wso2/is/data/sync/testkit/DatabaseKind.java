/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.util.stream.Stream;

/** The database products a test can ask {@link TestDatabase#create(DatabaseKind)} for. */
public enum DatabaseKind {
    /** In-process H2, in memory. */
    H2,
    /** The JVM-wide embedded PostgreSQL server, see {@link EmbeddedDatabases#postgres()}. */
    POSTGRESQL,
    /** The JVM-wide embedded MariaDB server, see {@link EmbeddedDatabases#mariaDb()}. */
    MARIADB;

    /**
     * Every kind, for {@code @MethodSource("org.wso2.is.data.sync.testkit.DatabaseKind#all")};
     * {@link OnEachDatabase} is the shorter way.
     */
    public static Stream<DatabaseKind> all() {
        return Stream.of(values());
    }
}
