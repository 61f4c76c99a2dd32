/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The binary log is read from the host and port of the source's JDBC URL, as the datasource's login. */
class BinlogEndpointTest {

    @Test
    void takesHostAndPortFromMySqlAndMariaDbUrls() {
        assertEquals("is@db.example.com:3307", BinlogEndpoint.fromJdbcUrl(
                "jdbc:mysql://db.example.com:3307/identity?useSSL=false", "is", "secret").toString());
        assertEquals("is@db:3306", BinlogEndpoint.fromJdbcUrl("jdbc:mariadb://db/identity", "is", "secret")
                .toString());
        // the first host of a failover list
        assertEquals("is@a:3306", BinlogEndpoint.fromJdbcUrl("jdbc:mysql:replication://a,b/identity", "is", "s")
                .toString());
        assertEquals("is@::1:3310", BinlogEndpoint.fromJdbcUrl("jdbc:mariadb://[::1]:3310/identity", "is", "s")
                .toString());
    }

    @Test
    void anotherKindOfUrlIsRefusedWithoutQuotingIt() {
        assertEquals("log capture reads the binary log of a jdbc:mysql:// or jdbc:mariadb:// source; the source URL "
                + "is not one", assertThrows(IllegalArgumentException.class, () -> BinlogEndpoint.fromJdbcUrl(
                        "jdbc:postgresql://db/identity?password=secret", "is", "secret")).getMessage());
    }
}
