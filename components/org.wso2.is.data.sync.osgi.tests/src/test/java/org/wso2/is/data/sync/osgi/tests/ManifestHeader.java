/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OSGi manifest header split into clauses ({@code name;attr=value;dir:=value, ...}), honouring quotes, so a
 * version range's comma does not split a clause.
 */
final class ManifestHeader {

    /** One clause: its first path, and its attributes and directives (quotes removed, types dropped). */
    static final class Clause {
        private final String name;
        private final Map<String, String> parameters = new HashMap<>();

        private Clause(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        /** An attribute ({@code version}) or a directive ({@code filter:}). */
        String get(String key) {
            return parameters.get(key);
        }
    }

    private ManifestHeader() {
    }

    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        for (String text : split(header, ',')) {
            List<String> parts = split(text, ';');
            Clause clause = new Clause(parts.get(0).trim());
            for (String part : parts.subList(1, parts.size())) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String key = part.substring(0, eq).trim();
                    // "filter:=x" is directive "filter:"; "version:Version=x" is attribute "version"
                    key = key.endsWith(":") ? key : key.split(":")[0];
                    clause.parameters.put(key, unquote(part.substring(eq + 1).trim()));
                }
            }
            clauses.add(clause);
        }
        return clauses;
    }

    static Clause find(String header, String name) {
        return parse(header).stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static List<String> split(String s, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
