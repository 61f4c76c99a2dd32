/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What to run and how big. {@code --full} (the default) is the run of docs/benchmarks.md; {@code --quick} is the
 * CI-sized run (under 3 minutes on 2 cores), whose figures are noisier and whose backlogs are smaller.
 */
final class Options {

    boolean quick;
    List<String> databases = new ArrayList<>(List.of("postgresql", "mariadb", "h2"));
    Path output = Paths.get("benchmark-results.json");
    /** MariaDB's InnoDB buffer pool, set on the running server; 0 leaves the test kit's default (128 MB). */
    int mariaDbBufferPoolMb = 1024;
    /** The memory child's maximum heap (-Xmx): bin/data-sync's default, or what an operator's JAVA_OPTS would set. */
    String childHeap = "512m";
    /** bin/data-sync's initial heap: the collector then sizes the heap to the need, not to 1/64 of the machine. */
    static final String LAUNCHER_INITIAL_HEAP = "-Xms64m";
    /** Records a JFR file of the memory child as well (the apply drain is always recorded in-process). */
    boolean childJfr;
    /**
     * Which measurements to run: capture, apply, network, lag, memory, scale, progress, stall (all by default;
     * scale on PostgreSQL only, network, progress and stall on PostgreSQL and MariaDB).
     */
    List<String> phases = new ArrayList<>(List.of("capture", "apply", "network", "lag", "memory", "scale", "progress",
            "stall"));

    /**
     * The capture modes the capture, apply, network and lag phases run in ({@code --capture-modes=triggers,log}):
     * {@code triggers} alone by default. With {@code log}, PostgreSQL and MariaDB run on a server of their own
     * started with what log capture needs (wal_level = logical; the binary log), in every mode, so that the modes
     * are compared on the same server settings.
     */
    List<String> captureModes = new ArrayList<>(List.of("triggers"));

    /**
     * With {@code --separate-target} and log mode's own server: the targets of the apply, network and lag phases,
     * and the copies their ceilings and row by row write into, are on the test kit's server with its default
     * settings, as a migration's new database is on a server of its own. On one server the target's writes go into
     * the log the sync reads (PostgreSQL's WAL, the binary log), which log capture reads and skips, and which the
     * binary log costs every mode.
     */
    boolean separateTarget;

    // sizes, set by quick/full
    int captureRounds;
    int captureTransactions;
    int applyBacklog;
    int rowByRowSample;
    /** The apply's backlog and row by row's sample through the delaying proxy. */
    int networkBacklog;
    int networkRowByRowSample;
    int lagSeconds;
    int lagLowIntervalSeconds;
    long lowSyncInterval = 1000;
    int memoryBacklog;
    int h2MemoryBacklog;
    long scaleTokens;
    long scaleBacklog;
    /** Entries in the journal the progress queries are timed on. */
    long progressEntries;
    private long scaleTokensOverride;

    static final int WRITERS = 4;
    static final int BATCH_SIZE = 1000;
    static final long DEFAULT_SYNC_INTERVAL = 5000;
    static final int LAG_CHANGES_PER_SECOND = 1000;

    static Options parse(String[] args) {
        Options o = new Options();
        for (String raw : args) {
            String a = raw.trim();
            if (a.isEmpty() || a.equals("--full") || a.equals("full")) {
                continue;
            }
            if (a.equals("--quick") || a.equals("quick")) {
                o.quick = true;
            } else if (a.startsWith("--databases=")) {
                o.databases = new ArrayList<>(Arrays.asList(a.substring(12).toLowerCase(Locale.ROOT).split(",")));
            } else if (a.startsWith("--output=")) {
                o.output = Paths.get(a.substring(9));
            } else if (a.startsWith("--mariadb-buffer-pool-mb=")) {
                o.mariaDbBufferPoolMb = Integer.parseInt(a.substring(25));
            } else if (a.startsWith("--phases=")) {
                o.phases = new ArrayList<>(Arrays.asList(a.substring(9).toLowerCase(Locale.ROOT).split(",")));
            } else if (a.startsWith("--child-heap=") && a.substring(13).matches("[0-9]+[mMgG]")) {
                o.childHeap = a.substring(13);
            } else if (a.startsWith("--scale-tokens=")) {
                o.scaleTokensOverride = Long.parseLong(a.substring(15));
            } else if (a.startsWith("--capture-modes=")) {
                o.captureModes = new ArrayList<>(Arrays.asList(a.substring(16).toLowerCase(Locale.ROOT).split(",")));
            } else if (a.equals("--separate-target")) {
                o.separateTarget = true;
            } else if (a.equals("--child-jfr")) {
                o.childJfr = true;
            } else {
                throw new IllegalArgumentException("unknown option " + a + "; known: --quick, --full, "
                        + "--databases=postgresql,mariadb,h2, --output=FILE, --mariadb-buffer-pool-mb=N, --phases=capture,apply,network,lag,memory,scale,progress,stall, --scale-tokens=N, --child-heap=512m, --child-jfr, "
                        + "--capture-modes=triggers,log, --separate-target");
            }
        }
        for (String p : o.phases) {
            if (!List.of("capture", "apply", "network", "lag", "memory", "scale", "progress", "stall").contains(p)) {
                throw new IllegalArgumentException("unknown phase " + p + "; known: capture, apply, network, lag, "
                        + "memory, scale, progress, stall");
            }
        }
        for (String m : o.captureModes) {
            if (!List.of("triggers", "log").contains(m)) {
                throw new IllegalArgumentException("unknown capture mode " + m + "; known: triggers, log");
            }
        }
        for (String d : o.databases) {
            if (!List.of("postgresql", "mariadb", "h2").contains(d)) {
                throw new IllegalArgumentException("unknown database " + d + "; known: postgresql, mariadb, h2");
            }
        }
        if (o.quick) {
            o.captureRounds = 1;
            o.captureTransactions = 5_000;
            o.applyBacklog = 25_000;
            o.rowByRowSample = 1_000;
            o.networkBacklog = 20_000;
            o.networkRowByRowSample = 300;
            o.lagSeconds = 10;
            o.lagLowIntervalSeconds = 0;
            o.memoryBacklog = 40_000;
            o.h2MemoryBacklog = 40_000;
            o.scaleTokens = 200_000;
            o.scaleBacklog = 100_000;
            o.progressEntries = 1_000_000;
        } else {
            o.captureRounds = 3;
            o.captureTransactions = 20_000;
            o.applyBacklog = 200_000;
            o.rowByRowSample = 5_000;
            o.networkBacklog = 100_000;
            o.networkRowByRowSample = 1_000;
            o.lagSeconds = 45;
            o.lagLowIntervalSeconds = 20;
            o.memoryBacklog = 1_000_000;
            // H2 has no goal or reference: a quarter of the backlog keeps the full run under ~20 minutes
            o.h2MemoryBacklog = 250_000;
            o.scaleTokens = 10_000_000;
            o.scaleBacklog = 2_000_000;
            o.progressEntries = 10_000_000;
        }
        if (o.scaleTokensOverride > 0) {
            o.scaleTokens = o.scaleTokensOverride;
        }
        return o;
    }

    boolean logMode() {
        return captureModes.contains("log");
    }

    String mode() {
        return quick ? "quick" : "full";
    }
}
