/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every problem found in a sync configuration, reported together so the operator fixes them in one go. */
public class ConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(describe(problems));
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    public ConfigurationException(String problem) {
        this(Collections.singletonList(problem));
    }

    /** Each problem on its own, e.g. {@code batchSize=abc: expected a whole number from 1 to 100000}. */
    public List<String> getProblems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid sync configuration: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("Invalid sync configuration (" + problems.size() + " problems):");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }
}
