/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.util.List;
import java.util.stream.Collectors;

/** The job threads the bundle starts, named {@code data-sync-<job>}. */
final class DataSyncThreads {

    private DataSyncThreads() {
    }

    static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("data-sync-")).sorted().collect(Collectors.toList());
    }
}
