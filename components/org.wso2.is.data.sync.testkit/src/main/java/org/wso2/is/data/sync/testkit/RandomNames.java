/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.security.SecureRandom;

/** Names and passwords for test databases; safe to splice into SQL unquoted, and lower case for PostgreSQL. */
final class RandomNames {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String MIXED = LOWER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private RandomNames() {
    }

    /** Twelve characters of [a-z0-9]: with a letter prefix, a valid name on every server and unique enough. */
    static String suffix() {
        return random(LOWER, 12);
    }

    static String password() {
        return random(MIXED, 24);
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
