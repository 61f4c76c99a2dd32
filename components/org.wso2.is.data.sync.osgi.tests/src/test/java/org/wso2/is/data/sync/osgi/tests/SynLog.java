/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The syn.log that pax-logging writes under {@code carbon.home}, read from inside the framework. */
final class SynLog {

    private SynLog() {
    }

    static Path file() {
        return Paths.get(System.getProperty("carbon.home"), "repository", "logs", "syn.log");
    }

    static String text() {
        try {
            return new String(Files.readAllBytes(file()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events written by the data sync bundle, without stack trace lines. */
    static List<LogLine> dataSyncLines() {
        return text().lines().map(LogLine::parse).filter(Objects::nonNull).filter(LogLine::fromDataSync)
                .collect(Collectors.toList());
    }

    static void awaitMessage(String fragment) throws InterruptedException {
        Await.until("a syn.log line with \"" + fragment + "\"",
                () -> dataSyncLines().stream().anyMatch(l -> l.message().contains(fragment)));
    }

    /** Waits for the last line of {@code job}; a failed job ends the wait at once, with its message and syn.log. */
    static void awaitJobCompleted(String job) throws InterruptedException {
        Await.until("job " + job + " to end", () -> jobEnd(job) != null);
        String end = jobEnd(job);
        if (!end.equals("Job " + job + " completed")) {
            throw new AssertionError("job " + job + " did not complete: " + end + "; syn.log:\n" + text());
        }
    }

    /** JobRunner's last line for {@code job}: completed, stopped on request or failed. */
    private static String jobEnd(String job) {
        String prefix = "Job " + job + " ";
        return dataSyncLines().stream().map(LogLine::message).filter(m -> m.equals(prefix + "completed")
                || m.startsWith(prefix + "stopped") || m.startsWith(prefix + "failed")).findFirst().orElse(null);
    }
}
