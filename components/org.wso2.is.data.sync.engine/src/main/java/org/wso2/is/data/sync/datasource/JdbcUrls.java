/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to log: passwords written into a URL are replaced by {@code ***}. */
public final class JdbcUrls {

    private static final String MASK = "***";
    /** {@code password=..}, {@code pwd=..} and similar, in ?a=b&c=d (MySQL, PostgreSQL) or ;a=b (H2, SQL Server, DB2). */
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "(?i)([?&;:]\\s*(?:password|passwd|pwd|sslpassword|trustStorePassword|keyStorePassword)\\s*=)[^&;]*");
    /** {@code //user:secret@host} (MySQL, MariaDB, PostgreSQL). */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*:)[^@/]*@");
    /** {@code jdbc:oracle:thin:user/secret@host}. */
    private static final Pattern ORACLE_THIN = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:]+/)[^@]*@");

    private JdbcUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1" + MASK);
        s = USER_INFO.matcher(s).replaceAll("$1" + MASK + "@");
        return ORACLE_THIN.matcher(s).replaceAll("$1" + MASK + "@");
    }
}
