/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines on standard output, with the time of day. */
final class Log {

    private Log() {
    }

    static void line(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " "
                + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static void raw(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
