/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU side of a JFR recording of the sync: execution samples of the sync's threads ({@code data-sync-*}),
 * counted by top frame, by the first frame of the project, and by library. The same as
 * {@code jfr print --events jdk.ExecutionSample FILE}, summed.
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static List<String> summarize(Path file, int top) throws IOException {
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> projectFrames = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        int samples = 0;
        long socketReadNanos = 0;
        int socketReads = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            boolean sync = e.getThread() != null && e.getThread().getJavaName() != null
                    && e.getThread().getJavaName().startsWith("data-sync");
            if (!sync && !"jdk.ExecutionSample".equals(type)) {
                continue;
            }
            if ("jdk.SocketRead".equals(type)) {
                socketReads++;
                socketReadNanos += e.getDuration().toNanos();
                continue;
            }
            if (!"jdk.ExecutionSample".equals(type)) {
                continue;
            }
            RecordedEvent sample = e;
            String thread = sample.getThread("sampledThread") == null ? ""
                    : String.valueOf(sample.getThread("sampledThread").getJavaName());
            if (!thread.startsWith("data-sync")) {
                continue;
            }
            RecordedStackTrace st = sample.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            topFrames.merge(name(frames.get(0)), 1, Integer::sum);
            libraries.merge(library(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                String t = f.getMethod().getType().getName();
                if (t.startsWith("org.wso2.is.data.sync.") && !t.startsWith("org.wso2.is.data.sync.benchmark.")) {
                    projectFrames.merge(name(f), 1, Integer::sum);
                    break;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "    %d execution samples of the sync threads (JFR 'profile': one per "
                + "~10-20 ms of CPU per running thread)%s", samples, socketReads == 0 ? ""
                : String.format(Locale.ROOT, "; %d socket reads over the threshold, %.0f ms", socketReads,
                socketReadNanos / 1e6)));
        add(lines, "by library of the top frame", libraries, samples, top);
        add(lines, "by top frame", topFrames, samples, top);
        add(lines, "by first engine frame (innermost org.wso2.is.data.sync frame, the benchmark's own excluded)",
                projectFrames, samples, top);
        return lines;
    }

    private static void add(List<String> lines, String title, Map<String, Integer> counts, int total, int top) {
        lines.add("    " + title + ":");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top).forEach(e ->
                lines.add(String.format(Locale.ROOT, "      %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey())));
    }

    private static String name(RecordedFrame f) {
        String t = f.getMethod().getType().getName();
        return t.substring(t.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + " (" + t.substring(0,
                Math.max(0, t.lastIndexOf('.'))) + ")";
    }

    private static String library(String type) {
        for (String p : new String[] {"org.wso2.is.data.sync", "org.postgresql", "org.mariadb", "org.h2",
                "com.zaxxer", "dev.failsafe", "org.apache.logging", "sun.nio", "sun.security", "java.util.regex",
                "java.util", "java.lang", "java.math", "java.time", "java.net", "java.io", "jdk.internal"}) {
            if (type.startsWith(p)) {
                return p;
            }
        }
        return type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type;
    }
}
