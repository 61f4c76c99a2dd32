/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How the reader connects: its replica server id, and the bounds on connecting and on a silent connection.
 */
public final class BinlogSettings {

    /** Server ids this high are far above the ones DBAs number their replicas with (1, 2, ..., 100, 1001). */
    private static final long SERVER_ID_FLOOR = 1_900_000_000L;

    private final long serverId;
    private final long connectTimeoutMillis;
    private final long heartbeatMillis;
    private final int queueCapacity;
    private final int lockWaitSeconds;

    /**
     * @param serverId the server id the reader registers with, which no replica of the source may share (the
     *                 server ends the older of two connections with one id)
     * @param connectTimeoutMillis bound on opening the connection and starting the dump
     * @param heartbeatMillis how often an idle server sends a heartbeat; three missed in a row end the reader's
     *                        connection as dead
     * @param queueCapacity how many read row changes wait for {@code poll} before the reader stops reading
     * @param lockWaitSeconds bound on waiting for the InnoDB commit of a transaction already in the binary log
     */
    public BinlogSettings(long serverId, long connectTimeoutMillis, long heartbeatMillis, int queueCapacity,
            int lockWaitSeconds) {
        if (serverId < 1 || serverId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a server id is 1 to 4294967295, not " + serverId);
        }
        this.serverId = serverId;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.heartbeatMillis = heartbeatMillis;
        this.queueCapacity = queueCapacity;
        this.lockWaitSeconds = lockWaitSeconds;
    }

    /**
     * A random high server id, 10 s to connect, a heartbeat every 5 s, 10,000 changes read ahead, 10 s for a
     * commit.
     */
    public static BinlogSettings defaults() {
        return new BinlogSettings(SERVER_ID_FLOOR + ThreadLocalRandom.current().nextInt(100_000_000), 10_000, 5_000,
                10_000, 10);
    }

    public long getServerId() {
        return serverId;
    }

    public long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public long getHeartbeatMillis() {
        return heartbeatMillis;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public int getLockWaitSeconds() {
        return lockWaitSeconds;
    }
}
