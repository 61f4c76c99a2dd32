/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;

/** Private H2 databases; H2 runs inside the JVM, so there is no server to share. */
final class H2Databases {

    private H2Databases() {
    }

    /** DB_CLOSE_DELAY=-1 keeps the data while no connection is open, until the drop. */
    static TestDatabase inMemory() {
        String name = "tkdb_" + RandomNames.suffix();
        return open(name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null);
    }

    static TestDatabase onDisk() {
        String name = "tkdb_" + RandomNames.suffix();
        Path directory = ScratchFiles.newDirectory("h2");
        return open(name, "jdbc:h2:file:" + directory.resolve(name), directory);
    }

    private static TestDatabase open(String name, String url, Path directoryToDelete) {
        String username = "tkuser_" + RandomNames.suffix();
        String password = RandomNames.password();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        // H2 creates a database on its first connection, and makes that login its owner with that password.
        try (Connection ignored = dataSource.getConnection()) {
            return new TestDatabase(DatabaseKind.H2, name, url, username, password, dataSource,
                    () -> drop(dataSource, directoryToDelete));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create H2 database " + url, e);
        }
    }

    /** SHUTDOWN closes every connection and discards an in-memory database. */
    private static void drop(JdbcDataSource dataSource, Path directoryToDelete) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        if (directoryToDelete != null) {
            ScratchFiles.deleteRecursively(directoryToDelete);
        }
    }
}
