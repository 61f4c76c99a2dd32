/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The two spellings of a datasource: Carbon binds {@code [[datasource]] id="X"} as name {@code X} and JNDI name
 * {@code jdbc/X}; the docs' sample writes {@code jdbc/X}. Either spelling finds the datasource.
 */
public final class DataSourceNames {

    public static final String JNDI_PREFIX = "jdbc/";

    private DataSourceNames() {
    }

    /** The names to try for {@code configured}, the spelling as written first. */
    public static List<String> candidates(String configured) {
        if (configured.startsWith(JNDI_PREFIX) && configured.length() > JNDI_PREFIX.length()) {
            return Arrays.asList(configured, configured.substring(JNDI_PREFIX.length()));
        }
        if (configured.startsWith(JNDI_PREFIX)) {
            return Collections.singletonList(configured);
        }
        return Arrays.asList(configured, JNDI_PREFIX + configured);
    }

    /** How a bound datasource is listed in error messages: {@code name (jndi)}. */
    public static String describe(String name, String jndiName) {
        return jndiName == null || jndiName.isEmpty() ? name : name + " (" + jndiName + ")";
    }
}
