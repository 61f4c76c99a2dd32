/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
/**
 * Real databases for tests, with no set-up outside the test: H2 in memory, and PostgreSQL and MariaDB servers that
 * the JVM starts itself on free loopback ports.
 *
 * <pre>{@code
 * @OnEachDatabase
 * void roundTrip(DatabaseKind kind) throws SQLException {
 *     try (TestDatabase db = TestDatabase.create(kind)) {          // empty, private, dropped at the end
 *         try (Connection c = db.dataSource().getConnection()) { ... }
 *     }
 * }
 *
 * try (EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew();   // a server of the test's own
 *         TestDatabase db = server.createDatabase()) {
 *     server.stop();   // the target goes away
 *     server.start();  // and comes back on the same port with the same data
 * }
 * }</pre>
 */
package org.wso2.is.data.sync.testkit;
