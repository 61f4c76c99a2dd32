/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

/** How far a read position is behind the end of the binary log: whole files after its own, and bytes in all. */
public final class BinlogLag {

    private final int files;
    private final long bytes;

    BinlogLag(int files, long bytes) {
        this.files = files;
        this.bytes = bytes;
    }

    /** Binary log files written after the one the position is in. */
    public int getFiles() {
        return files;
    }

    /** Bytes of binary log from the position to the end. */
    public long getBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return files + " binary log files (" + bytes + " bytes) behind";
    }
}
