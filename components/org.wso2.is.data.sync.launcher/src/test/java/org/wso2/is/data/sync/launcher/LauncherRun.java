/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.wso2.is.data.sync.job.EngineJobs;
import org.wso2.is.data.sync.job.JobCatalog;
import picocli.CommandLine;

/**
 * One in-process run of the launcher. Captures picocli's writers and System.out/err, where the log's console
 * appenders write (they follow System.setOut/setErr).
 */
final class LauncherRun {

    final int exitCode;
    /** What picocli printed: help, version, usage errors, configuration errors. */
    final String out;
    final String err;
    /** What the log's console appenders printed. */
    final String stdout;
    final String stderr;

    private LauncherRun(int exitCode, String out, String err, String stdout, String stderr) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static LauncherRun of(String... args) {
        return with(new EngineJobs(), args);
    }

    static synchronized LauncherRun with(JobCatalog jobs, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            CommandLine cl = DataSyncLauncher.commandLine(jobs);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new LauncherRun(code, out.toString(), err.toString(), stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
    }

    /** Everything the run printed, on any stream. */
    String printed() {
        return out + err + stdout + stderr;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err + "--- stdout\n" + stdout + "--- stderr\n"
                + stderr;
    }
}
