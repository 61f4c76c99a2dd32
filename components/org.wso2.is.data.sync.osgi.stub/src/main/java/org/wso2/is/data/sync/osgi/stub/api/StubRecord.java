/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.stub.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the stub was asked, in order, e.g. {@code getDataSource(source) in tenant -1234/carbon.super (flow depth 1)}.
 * Each test class starts a new framework, so a new copy of this class, with an empty record.
 */
public final class StubRecord {

    private static final List<String> ENTRIES = new CopyOnWriteArrayList<>();

    private StubRecord() {
    }

    public static void add(String entry) {
        ENTRIES.add(entry);
    }

    public static List<String> entries() {
        return new ArrayList<>(ENTRIES);
    }
}
