/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.wso2.is.data.sync.job.JobRunner;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops the running job on Ctrl-C (SIGINT) or SIGTERM, so the transaction in flight commits or rolls back, waits
 * for the launcher to close its pools, and ends the process with the conventional code: 128 + the signal number,
 * 130 for SIGINT and 143 for SIGTERM. {@link #close()} undoes all of it once the launcher is done.
 *
 * <p>A shutdown hook alone cannot tell SIGINT from SIGTERM, so a signal handler records which one came and starts
 * the shutdown; the hook does the stopping. A shutdown without a recorded signal (SIGHUP, or the JVM stopped by
 * other means) ends as SIGTERM would: the job was stopped from outside.
 */
public final class StopOnSignal implements AutoCloseable {

    /** Long enough for a batch in flight to commit or roll back; short enough for a service manager. */
    public static final long STOP_TIMEOUT_MILLIS = 30_000;
    /** How long the hook then waits for the launcher to close its pools and log its last line. */
    static final long CLEANUP_TIMEOUT_MILLIS = 10_000;

    public static final int EXIT_SIGINT = 130;
    public static final int EXIT_SIGTERM = 143;
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final JobRunner runner;
    private final Thread hook;
    private final CountDownLatch launcherDone = new CountDownLatch(1);
    private final List<Signal> handled = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile Signal received;

    private StopOnSignal(JobRunner runner) {
        this.runner = runner;
        this.hook = new Thread(this::onShutdown, "data-sync-shutdown");
    }

    public static StopOnSignal install(JobRunner runner) {
        StopOnSignal s = new StopOnSignal(runner);
        for (String name : SIGNALS) {
            s.handle(new Signal(name));
        }
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    private void handle(Signal signal) {
        SignalHandler old;
        try {
            old = Signal.handle(signal, this::onSignal);
        } catch (IllegalArgumentException e) {
            // the JVM keeps this signal for itself (-Xrs): its default shutdown still runs the hook
            return;
        }
        if (old == SignalHandler.SIG_IGN) {
            // started with the signal ignored (nohup, a background job): keep ignoring it, as the JVM does
            Signal.handle(signal, old);
            return;
        }
        handled.add(signal);
        previous.add(old);
    }

    private void onSignal(Signal signal) {
        received = signal;
        // System.exit runs the shutdown hooks: the hook stops the job and halts with this signal's code
        System.exit(SIGNAL_EXIT_BASE + signal.getNumber());
    }

    /** The code the process ends with after a stop: 130 after SIGINT, otherwise 143. */
    public int stopExitCode() {
        Signal s = received;
        return s != null && "INT".equals(s.getName()) ? EXIT_SIGINT : EXIT_SIGTERM;
    }

    /** The signal that stopped the job, as an operator names it, or a generic text before any. */
    String describeSignal() {
        Signal s = received;
        return s == null ? "shutdown of the JVM" : "SIG" + s.getName();
    }

    /**
     * Asks the job to stop and waits for it, as the hook does.
     *
     * @return true when the job ended within {@link #STOP_TIMEOUT_MILLIS}
     */
    boolean stopJob() throws InterruptedException {
        LogManager.getLogger(StopOnSignal.class).warn("Stop requested ({}): stopping job {}; the transaction in "
                + "flight is committed or rolled back (waiting up to {} s); the process ends with exit code {}",
                describeSignal(), runner.getType(), TimeUnit.MILLISECONDS.toSeconds(STOP_TIMEOUT_MILLIS),
                stopExitCode());
        return runner.stop(STOP_TIMEOUT_MILLIS);
    }

    private void onShutdown() {
        try {
            stopJob();
            launcherDone.await(CLEANUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // halt, not exit: exit blocks inside a shutdown hook
        Runtime.getRuntime().halt(stopExitCode());
    }

    /**
     * The launcher is done: a running hook may now halt the process; otherwise the hook is removed and the
     * signals get their previous handlers back.
     */
    @Override
    public void close() {
        launcherDone.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and ends the process
            return;
        }
        for (int i = 0; i < handled.size(); i++) {
            Signal.handle(handled.get(i), previous.get(i));
        }
    }
}
