/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

/**
 * HikariCP's login getters, offered by {@link SqlTimer}'s timing wrapper too: log capture opens its replication
 * connection with the login it reads through these public getters of the pool (the engine's DataSourceLogin), which a
 * plain DataSource proxy would hide. Public, so that the engine may call them by reflection.
 */
public interface PoolLogin {

    String getJdbcUrl();

    String getUsername();

    String getPassword();
}
