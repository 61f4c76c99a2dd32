/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one database: a table for people and a map for benchmark-results.json. */
final class Report {

    /** Reference figures of /work/shared/reference/PERFORMANCE.md (medians of 3, 200,000 token rows). */
    record Reference(double txWithout, double txWith, double captureRatio, double ceiling, double rowByRow,
                     double journalReadRowsPerS, double journalReadAnalyzedRowsPerS, double captureGoal,
                     double applyGoal) {
    }

    static final Reference POSTGRESQL = new Reference(4_611, 3_885, 0.84, 48_542, 4_317, 30_052, 1_230_000, 0.85, 0.6);
    static final Reference MARIADB = new Reference(4_822, 4_443, 0.92, 56_321, 3_101, 1_720_000, 1_410_000, 0.9, 0.5);

    final String database;
    final Reference ref;
    final Map<String, Object> json = new LinkedHashMap<>();
    final List<String[]> rows = new ArrayList<>();
    final Map<String, Boolean> goals = new LinkedHashMap<>();
    final List<String> errors = new ArrayList<>();

    Report(String database) {
        this.database = database;
        this.ref = switch (database) {
            case "postgresql" -> POSTGRESQL;
            case "mariadb" -> MARIADB;
            default -> null;
        };
    }

    void row(String figure, String measured, String reference, String ratio, String goal) {
        rows.add(new String[] {figure, measured, reference, ratio, goal});
    }

    String goal(String name, boolean met, String condition) {
        goals.put(name, met);
        return (met ? "yes" : "**NO**") + " (" + condition + ")";
    }

    static String n(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String d2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double measured, double reference) {
        return Double.isNaN(measured) || reference <= 0 ? "–" : String.format(Locale.ROOT, "%.2f", measured / reference);
    }

    /** The table in Markdown: figure | measured | reference | ratio | goal met?. */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add("| figure | measured | reference | ratio | goal met? |");
        lines.add("|---|---|---|---|---|");
        for (String[] r : rows) {
            lines.add("| " + String.join(" | ", r) + " |");
        }
        for (String e : errors) {
            lines.add("| ERROR | " + e.replace("|", "/").replace("\n", " ") + " | | | |");
        }
        return lines;
    }

    // ---- JSON, written by hand: the module needs no JSON library for one small file

    static void writeJson(Path file, Map<String, ?> results) throws IOException {
        StringBuilder sb = new StringBuilder();
        value(sb, results, "");
        sb.append('\n');
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder sb, Object v, String indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append("{");
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "\n" : ",\n").append(inner);
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                value(sb, e.getValue(), inner);
                first = false;
            }
            sb.append(first ? "}" : "\n" + indent + "}");
        } else if (v instanceof Collection<?> c) {
            sb.append("[");
            boolean first = true;
            for (Object o : c) {
                sb.append(first ? "" : ", ");
                value(sb, o, indent);
                first = false;
            }
            sb.append("]");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                sb.append("null");
            } else if (Math.abs(d) >= 100) {
                sb.append(Math.round(d));
            } else {
                sb.append(String.format(Locale.ROOT, "%.3f", d));
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
