/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.config;

import java.util.ArrayList;
import java.util.List;

/** WSO2 Identity Server versions the tool knows, in release order, with the side each may play. */
public enum ProductVersion {

    V5_7_0("5.7.0", true, false),
    V5_8_0("5.8.0", true, false),
    V5_9_0("5.9.0", true, true),
    V5_10_0("5.10.0", false, true);

    private final String label;
    private final boolean source;
    private final boolean target;

    ProductVersion(String label, boolean source, boolean target) {
        this.label = label;
        this.source = source;
        this.target = target;
    }

    /** The version as operators write it, e.g. {@code 5.9.0}. */
    public String label() {
        return label;
    }

    public boolean isSupportedSource() {
        return source;
    }

    public boolean isSupportedTarget() {
        return target;
    }

    /** @return the version written as {@code label}, or null when the tool does not know it */
    public static ProductVersion fromLabel(String label) {
        for (ProductVersion v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        return null;
    }

    public static List<String> sourceLabels() {
        List<String> labels = new ArrayList<>();
        for (ProductVersion v : values()) {
            if (v.source) {
                labels.add(v.label);
            }
        }
        return labels;
    }

    public static List<String> targetLabels() {
        List<String> labels = new ArrayList<>();
        for (ProductVersion v : values()) {
            if (v.target) {
                labels.add(v.label);
            }
        }
        return labels;
    }

    @Override
    public String toString() {
        return label;
    }
}
