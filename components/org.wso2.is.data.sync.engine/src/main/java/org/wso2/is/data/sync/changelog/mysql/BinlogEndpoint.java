/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.changelog.mysql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the binary log is read from and as whom: the replication protocol is not JDBC, so it needs the host, port
 * and login that the source datasource's URL and credentials hold. {@link #toString()} leaves the password out.
 */
public final class BinlogEndpoint {

    private static final int DEFAULT_PORT = 3306;
    /** {@code jdbc:mysql://host[:port][/db][?...]}, {@code jdbc:mariadb://...}; the first host of a list. */
    private static final Pattern URL = Pattern.compile("(?i)^jdbc:(?:mysql|mariadb)(?::[a-z]+)?://"
            + "(?:[^/@?]*@)?(\\[[^\\]]+\\]|[^:/?,;]+)(?::(\\d+))?");

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public BinlogEndpoint(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The host and port of a MySQL or MariaDB JDBC URL, with the datasource's login. */
    public static BinlogEndpoint fromJdbcUrl(String jdbcUrl, String user, String password) {
        Matcher m = URL.matcher(jdbcUrl == null ? "" : jdbcUrl.trim());
        if (!m.find()) {
            throw new IllegalArgumentException("log capture reads the binary log of a jdbc:mysql:// or "
                    + "jdbc:mariadb:// source; the source URL is not one");
        }
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new BinlogEndpoint(host.toLowerCase(Locale.ROOT),
                m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2)), user, password);
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getUser() {
        return user;
    }

    String getPassword() {
        return password;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
