/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** IS starts with a job flag, as an operator makes them one job at a time, and the jobs' ends in syn.log. */
final class JobStarts {

    private JobStarts() {
    }

    /** One IS restart with {@code -D<flag>} as the only job flag. */
    static void restartWith(Bundle client, String flag) throws BundleException {
        if (client.getState() == Bundle.ACTIVE) {
            client.stop();
        }
        for (String f : List.of("prepareSync", "syncData", "validateSync")) {
            System.clearProperty(f);
        }
        System.setProperty(flag, "true");
        client.start();
    }

    /** JobRunner's last lines for {@code job} (completed, stopped or failed), oldest first. */
    static List<String> jobEnds(String job) {
        String prefix = "Job " + job + " ";
        return SynLog.dataSyncLines().stream().map(LogLine::message).filter(Objects::nonNull)
                .filter(m -> m.equals(prefix + "completed") || m.startsWith(prefix + "completed: ")
                        || m.startsWith(prefix + "stopped") || m.startsWith(prefix + "failed"))
                .collect(Collectors.toList());
    }
}
