/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wso2.is.data.sync.safetext.LogText;

/**
 * Makes JDBC URLs safe to print. Logs name a database by {@link #describe(String)}: scheme, host, port and
 * database, nothing else. {@link #redact(String)} masks every password form a URL can carry, for texts (driver
 * messages) that may quote a whole URL.
 */
public final class JdbcUrls {

    private static final String MASK = "***";
    /**
     * Any option whose name holds password, passwd, pwd or secret ({@code password1}/{@code password2} of MySQL's
     * multi-factor login, {@code sslpassword}, {@code trustStorePassword}, {@code keyStoreSecret},
     * {@code oracle.net.wallet_password}, ...) after ? & ; : ( or , ; the value runs to the next separator, or is
     * SQL Server's {@code {...}} with {@code }}} inside.
     */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;:(,]\\s*[a-z0-9_.\\-]*"
            + "(?:password|passwd|pwd|secret)[a-z0-9_.\\-]*\\s*=\\s*)(?:\\{(?:[^}]|\\}\\})*(?:\\}|$)|[^&;,)]*)");
    /** {@code //user:secret@host} (MySQL, MariaDB, PostgreSQL). */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*:)[^@/]*@");
    /** {@code jdbc:oracle:thin:user/secret@host}. */
    private static final Pattern ORACLE_THIN = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:]+/)[^@]*@");
    /** {@code //[user[:secret]@]host[:port][/database]}, up to the options. */
    private static final Pattern AUTHORITY = Pattern.compile("^//(?:[^/@?;]*@)?([^/?;:]*|\\[[^\\]]*\\])(:\\d+)?"
            + "(/[^?;:&,]*)?");
    /** Oracle's TNS descriptor: host, port and service or SID. */
    private static final Pattern TNS_PART = Pattern.compile("(?i)\\((HOST|PORT|SERVICE_NAME|SID)\\s*=\\s*([^)]*)\\)");
    private static final Pattern SQLSERVER_DATABASE = Pattern.compile("(?i);\\s*(?:databaseName|database)\\s*=\\s*"
            + "([^;]*)");

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

    /**
     * How logs name the database of {@code url}: scheme, host, port and database only, e.g.
     * {@code jdbc:postgresql://db:5432/identity}, {@code jdbc:h2:file:/srv/is/db},
     * {@code jdbc:oracle:thin:@db:1521/ORCL}; no user, password or option.
     */
    public static String describe(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:")) {
            return "(not a JDBC URL)";
        }
        if (lower.startsWith("jdbc:oracle:")) {
            return LogText.oneLine(oracle(u));
        }
        int slashes = u.indexOf("//");
        String text;
        if (slashes > 0 && u.substring(0, slashes).matches("(?i)jdbc:[a-z0-9:]+:")) {
            Matcher m = AUTHORITY.matcher(u.substring(slashes));
            text = m.find() ? u.substring(0, slashes) + "//" + m.group(1) + (m.group(2) == null ? "" : m.group(2))
                    + (m.group(3) == null ? "" : m.group(3)) : u.substring(0, slashes);
            if (lower.startsWith("jdbc:sqlserver:")) {
                Matcher db = SQLSERVER_DATABASE.matcher(u);
                if (db.find()) {
                    text += ";databaseName=" + db.group(1).trim();
                }
            }
        } else {
            // H2's jdbc:h2:mem:name;OPTION=..., jdbc:h2:file:/path;..., derby-like paths: up to the options
            text = u.split("[;?]", 2)[0];
        }
        return LogText.oneLine(text);
    }

    private static String oracle(String url) {
        int at = url.indexOf('@');
        String prefix = url.substring(0, url.indexOf(':', "jdbc:oracle:".length()) + 1);
        if (at < 0) {
            return prefix + "@";
        }
        String rest = url.substring(at + 1);
        if (rest.startsWith("(")) {
            StringBuilder b = new StringBuilder(prefix).append("@(");
            Matcher m = TNS_PART.matcher(rest);
            while (m.find()) {
                b.append('(').append(m.group(1).toUpperCase(Locale.ROOT)).append('=').append(m.group(2).trim())
                        .append(')');
            }
            return b.append(')').toString();
        }
        return prefix + "@" + rest.split("[?;]", 2)[0];
    }
}
