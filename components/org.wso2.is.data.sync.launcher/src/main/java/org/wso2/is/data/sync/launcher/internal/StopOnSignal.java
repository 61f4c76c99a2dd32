/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.wso2.is.data.sync.job.JobRunner;

/**
 * A shutdown hook for Ctrl-C and SIGTERM: it stops the running job, so the transaction in flight commits or
 * rolls back, waits for the launcher to close its pools, and ends the process with the launcher's exit code
 * for a stop. {@link #close()} removes the hook once the launcher is done.
 */
public final class StopOnSignal implements AutoCloseable {

    /** Long enough for a batch in flight to commit or roll back; short enough for a service manager. */
    public static final long STOP_TIMEOUT_MILLIS = 30_000;
    /** How long the hook then waits for the launcher to close its pools and log its last line. */
    static final long CLEANUP_TIMEOUT_MILLIS = 10_000;

    private final JobRunner runner;
    private final int exitCode;
    private final Thread hook;
    private final CountDownLatch launcherDone = new CountDownLatch(1);

    private StopOnSignal(JobRunner runner, int exitCode) {
        this.runner = runner;
        this.exitCode = exitCode;
        this.hook = new Thread(this::onShutdown, "data-sync-shutdown");
    }

    /** @param exitCode the status the process ends with when a signal stopped the job */
    public static StopOnSignal install(JobRunner runner, int exitCode) {
        StopOnSignal s = new StopOnSignal(runner, exitCode);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /**
     * Asks the job to stop and waits for it, as the hook does.
     *
     * @return true when the job ended within {@link #STOP_TIMEOUT_MILLIS}
     */
    boolean stopJob() throws InterruptedException {
        LogManager.getLogger(StopOnSignal.class).warn("Stop requested (Ctrl-C or SIGTERM): stopping job {}; the "
                + "transaction in flight is committed or rolled back (waiting up to {} s)", runner.getType(),
                TimeUnit.MILLISECONDS.toSeconds(STOP_TIMEOUT_MILLIS));
        return runner.stop(STOP_TIMEOUT_MILLIS);
    }

    private void onShutdown() {
        try {
            stopJob();
            launcherDone.await(CLEANUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // halt, not exit: exit blocks inside a shutdown hook, and without it the JVM would end with 128 + the
        // signal number (143 for SIGTERM) instead of the launcher's documented code
        Runtime.getRuntime().halt(exitCode);
    }

    /** The launcher is done: a running hook may now halt the process; otherwise the hook is removed. */
    @Override
    public void close() {
        launcherDone.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and ends the process
        }
    }
}
