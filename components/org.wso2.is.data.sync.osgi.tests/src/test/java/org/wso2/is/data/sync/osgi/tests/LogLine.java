/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of syn.log as the IS pattern {@code [%d] %5p {%c} - %m%ex%n} writes it. */
final class LogLine {

    private static final Pattern FORMAT = Pattern.compile("^\\[[^\\]]*\\]\\s*([A-Z]+) \\{([^}]*)\\} - (.*)$");
    private static final List<String> BELOW_INFO = Arrays.asList("TRACE", "DEBUG");

    private final String level;
    private final String logger;
    private final String message;

    private LogLine(String level, String logger, String message) {
        this.level = level;
        this.logger = logger;
        this.message = message;
    }

    /** @return null for a line that does not start an event, e.g. a stack trace line */
    static LogLine parse(String line) {
        Matcher m = FORMAT.matcher(line);
        return m.matches() ? new LogLine(m.group(1), m.group(2), m.group(3)) : null;
    }

    String level() {
        return level;
    }

    String message() {
        return message;
    }

    boolean fromDataSync() {
        return logger.startsWith("org.wso2.is.data.sync.");
    }

    boolean infoOrAbove() {
        return !BELOW_INFO.contains(level);
    }

    @Override
    public String toString() {
        return level + " {" + logger + "} - " + message;
    }
}
