/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what the engine logs while a test runs, so the test can assert on what an operator would read in
 * syn.log. Attaches to the {@code org.wso2.is.data.sync} logger; {@link #close()} detaches.
 */
public final class CapturedLog implements AutoCloseable {

    private static final String LOGGER = "org.wso2.is.data.sync";

    /** One logged line: its level and its formatted message. */
    public static final class Line {
        private final Level level;
        private final String message;

        Line(Level level, String message) {
            this.level = level;
            this.message = message;
        }

        public Level getLevel() {
            return level;
        }

        public String getMessage() {
            return message;
        }

        @Override
        public String toString() {
            return level + " " + message;
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final LoggerConfig loggerConfig;
    private final boolean ownLoggerConfig;
    private final AbstractAppender appender;

    private CapturedLog() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig existing = config.getLoggerConfig(LOGGER);
        // Without a logger of that exact name in log4j2-test.xml, one of our own keeps the appender off the root.
        ownLoggerConfig = !LOGGER.equals(existing.getName());
        loggerConfig = ownLoggerConfig ? new LoggerConfig(LOGGER, Level.INFO, true) : existing;
        appender = new AbstractAppender("captured-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel(), event.getMessage().getFormattedMessage()));
            }
        };
        appender.start();
        loggerConfig.addAppender(appender, null, null);
        if (ownLoggerConfig) {
            config.addLogger(LOGGER, loggerConfig);
        }
        context.updateLoggers();
    }

    /** Starts capturing now. */
    public static CapturedLog attach() {
        return new CapturedLog();
    }

    /** The lines captured so far, in the order they were logged. */
    public List<Line> lines() {
        return new ArrayList<>(lines);
    }

    /** The captured lines of {@code level} whose message passes {@code filter}. */
    public List<Line> find(Level level, Predicate<String> filter) {
        List<Line> found = new ArrayList<>();
        for (Line l : lines) {
            if (l.level == level && filter.test(l.message)) {
                found.add(l);
            }
        }
        return found;
    }

    /** Position of the first line of {@code level} containing {@code text} at or after {@code from}, or -1. */
    public int indexOf(Level level, String text, int from) {
        List<Line> now = lines();
        for (int i = from; i < now.size(); i++) {
            if (now.get(i).level == level && now.get(i).message.contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether every table group that logged a failing batch (WARN or ERROR, {@code <group>: a batch failed ...} or
     * {@code <group>: ... refuses ...}) at or after {@code from} has logged {@code <group>: syncing again} since its
     * last failure: the sync moves again everywhere, and the next failure of a group is logged afresh.
     */
    public boolean recoveredSince(int from) {
        List<Line> now = lines();
        Map<String, Integer> lastFailure = new HashMap<>();
        for (int i = from; i < now.size(); i++) {
            Line l = now.get(i);
            boolean failure = (l.level == Level.WARN || l.level == Level.ERROR)
                    && (l.message.contains(": a batch failed") || l.message.contains(" refuses "));
            if (failure) {
                lastFailure.put(l.message.substring(0, l.message.indexOf(':')), i);
            }
        }
        for (Map.Entry<String, Integer> e : lastFailure.entrySet()) {
            if (indexOf(Level.INFO, e.getKey() + ": syncing again after", e.getValue() + 1) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (ownLoggerConfig) {
            context.getConfiguration().removeLogger(LOGGER);
        } else {
            loggerConfig.removeAppender(appender.getName());
        }
        context.updateLoggers();
        appender.stop();
    }
}
