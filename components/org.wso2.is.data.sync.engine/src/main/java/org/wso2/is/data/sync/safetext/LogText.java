/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.safetext;

/**
 * Text from outside (a configuration value, a database's message, a key) made to fit on one log line: a value with
 * a line break could otherwise forge a log line, or a line of a generated script.
 */
public final class LogText {

    private LogText() {
    }

    /**
     * {@code text} with backslash, CR, LF and tab written as {@code \\}, {@code \r}, {@code \n}, {@code \t}, and any
     * other control character (including Unicode line and paragraph separators) as {@code \}{@code uXXXX}.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escape(c);
            if (escaped != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (escaped != null) {
                    b.append(escaped);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
