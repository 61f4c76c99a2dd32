/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.config;

import java.util.Locale;

/**
 * How changes are captured on the source ({@code captureMode}): by triggers writing journals on the source, or by
 * reading the source database's own change log (PostgreSQL logical decoding, the MySQL/MariaDB binary log), with the
 * journals on the target (docs/design/log-capture.md).
 */
public enum CaptureMode {
    TRIGGERS,
    LOG;

    /** {@code triggers} or {@code log}, as written in sync.properties. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a label names, ignoring case; null for any other text. */
    static CaptureMode fromLabel(String label) {
        for (CaptureMode m : values()) {
            if (m.label().equalsIgnoreCase(label.trim())) {
                return m;
            }
        }
        return null;
    }
}
