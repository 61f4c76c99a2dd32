/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A checked, immutable sync configuration: what {@code sync.properties} asks for. */
public final class SyncConfiguration {

    private final ProductVersion sourceVersion;
    private final ProductVersion targetVersion;
    private final int batchSize;
    private final long syncIntervalMillis;
    private final long progressIntervalMillis;
    private final List<SyncTable> syncTables;
    private final String sourceDataSource;
    private final String targetDataSource;
    private final long networkTimeoutMillis;
    private final long queryTimeoutMillis;
    private final List<String> warnings;
    private final long ddlLockTimeoutMillis;
    private final long ddlRetryTimeMillis;
    /** The protected tables validate compares for freeze drift; null: every listed one. */
    private final List<String> freezeTables;
    private final List<String> excludedApps;
    private final CaptureMode captureMode;
    private final long logLagWarnMb;

    SyncConfiguration(ProductVersion sourceVersion, ProductVersion targetVersion, int batchSize,
                      long syncIntervalMillis, long progressIntervalMillis, List<SyncTable> syncTables,
                      String sourceDataSource, String targetDataSource, long networkTimeoutMillis,
                      long queryTimeoutMillis, List<String> warnings, long ddlLockTimeoutMillis,
                      long ddlRetryTimeMillis, List<String> freezeTables, List<String> excludedApps,
                      CaptureMode captureMode, long logLagWarnMb) {
        this.sourceVersion = sourceVersion;
        this.targetVersion = targetVersion;
        this.batchSize = batchSize;
        this.syncIntervalMillis = syncIntervalMillis;
        this.progressIntervalMillis = progressIntervalMillis;
        this.syncTables = Collections.unmodifiableList(new ArrayList<>(syncTables));
        this.sourceDataSource = sourceDataSource;
        this.targetDataSource = targetDataSource;
        this.networkTimeoutMillis = networkTimeoutMillis;
        this.queryTimeoutMillis = queryTimeoutMillis;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
        this.ddlLockTimeoutMillis = ddlLockTimeoutMillis;
        this.ddlRetryTimeMillis = ddlRetryTimeMillis;
        this.freezeTables = freezeTables == null ? null
                : Collections.unmodifiableList(new ArrayList<>(freezeTables));
        this.excludedApps = Collections.unmodifiableList(new ArrayList<>(excludedApps));
        this.captureMode = captureMode;
        this.logLagWarnMb = logLagWarnMb;
    }

    /**
     * This configuration with {@code more} test applications excluded (the launcher's {@code --exclude-app}):
     * validate ignores their tokens and codes on both sides, and sync never touches their rows on the target.
     */
    public SyncConfiguration withExcludedApps(List<String> more) {
        Set<String> all = new LinkedHashSet<>(excludedApps);
        for (String key : more) {
            all.add(key.trim());
        }
        return new SyncConfiguration(sourceVersion, targetVersion, batchSize, syncIntervalMillis,
                progressIntervalMillis, syncTables, sourceDataSource, targetDataSource, networkTimeoutMillis,
                queryTimeoutMillis, warnings, ddlLockTimeoutMillis, ddlRetryTimeMillis, freezeTables,
                new ArrayList<>(all), captureMode, logLagWarnMb);
    }

    /** Triggers and journals on the source, or the source's change log with the journals on the target. */
    public CaptureMode getCaptureMode() {
        return captureMode;
    }

    /** In log mode: the retained log, in bytes, above which each progress report warns ({@code logLagWarnMb}). */
    public long getLogLagWarnBytes() {
        return logLagWarnMb * 1024 * 1024;
    }

    /** The consumer keys of the test applications excluded from validate and from the sync's heal. */
    public List<String> getExcludedApps() {
        return excludedApps;
    }

    /** The protected tables validate compares for freeze drift ({@code freezeTables}); null: every listed one. */
    public List<String> getFreezeTables() {
        return freezeTables;
    }

    /** How long one capture DDL of prepare or clean may wait for a lock ({@code ddlLockTimeout}). */
    public long getDdlLockTimeoutMillis() {
        return ddlLockTimeoutMillis;
    }

    /** How long prepare and clean retry a DDL that timed out on a lock ({@code ddlRetryTime}). */
    public long getDdlRetryTimeMillis() {
        return ddlRetryTimeMillis;
    }

    public ProductVersion getSourceVersion() {
        return sourceVersion;
    }

    public ProductVersion getTargetVersion() {
        return targetVersion;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public long getSyncIntervalMillis() {
        return syncIntervalMillis;
    }

    public long getProgressIntervalMillis() {
        return progressIntervalMillis;
    }

    /** The tables to sync, in the order the operator listed them, without duplicates. */
    public List<SyncTable> getSyncTables() {
        return syncTables;
    }

    /** The source datasource as written in {@code identitySchema}, e.g. {@code jdbc/source}. */
    public String getSourceDataSource() {
        return sourceDataSource;
    }

    public String getTargetDataSource() {
        return targetDataSource;
    }

    /** How long a connection waits for any answer from its server, and for a new connection, before it fails. */
    public long getNetworkTimeoutMillis() {
        return networkTimeoutMillis;
    }

    /** How long one statement of sync, prepare or clean may run before the driver cancels it. */
    public long getQueryTimeoutMillis() {
        return queryTimeoutMillis;
    }

    /** Things worth telling the operator that do not stop the run (e.g. keys of the original tool we ignore). */
    public List<String> getWarnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "sourceVersion=" + sourceVersion + ", targetVersion=" + targetVersion + ", batchSize=" + batchSize
                + ", syncInterval=" + syncIntervalMillis + ", progressInterval=" + progressIntervalMillis
                + ", syncTables=" + syncTables + ", identitySchema=" + sourceDataSource + "," + targetDataSource
                + ", networkTimeout=" + networkTimeoutMillis + ", queryTimeout=" + queryTimeoutMillis
                + ", ddlLockTimeout=" + ddlLockTimeoutMillis + ", ddlRetryTime=" + ddlRetryTimeMillis
                + ", captureMode=" + captureMode.label() + (captureMode == CaptureMode.LOG
                ? ", logLagWarnMb=" + logLagWarnMb : "");
    }
}
