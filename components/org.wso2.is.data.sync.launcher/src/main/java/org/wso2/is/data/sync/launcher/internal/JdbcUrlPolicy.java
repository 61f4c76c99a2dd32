/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code [[datasource]]} URL may ask of the driver. Options that make the driver run SQL, load a class or
 * read or write a local file when it connects are refused, as is a {@code driver} other than the one the URL's
 * scheme names: whoever can edit deployment.toml must not thereby run code in the process that holds both
 * databases' credentials. {@code allowUnsafeJdbcOptions = true} in the block lifts both checks for that block.
 */
final class JdbcUrlPolicy {

    /** Options that name a class, SQL to run or a file to write: refused whatever their value (lower case). */
    private static final Set<String> ANY_VALUE = new HashSet<>(Arrays.asList(
            // H2: INIT runs SQL (RUNSCRIPT FROM a file, CREATE ALIAS with Java code); the others load classes
            "init", "database_event_listener", "java_object_serializer", "authrealm",
            // PostgreSQL (pgjdbc)
            "socketfactory", "socketfactoryarg", "sslfactory", "sslfactoryarg", "sslhostnameverifier",
            "sslpasswordcallback", "authenticationpluginclassname", "loggerfile",
            // MySQL Connector/J and MariaDB Connector/J
            "queryinterceptors", "statementinterceptors", "exceptioninterceptors", "connectionlifecycleinterceptors",
            "authenticationplugins", "defaultauthenticationplugin", "clientinfoprovider", "propertiestransform",
            "profilereventhandler", "logger", "allowloadlocalinfileinpath", "tlssockettype",
            // SQL Server
            "socketfactoryclass", "socketfactoryconstructorarg", "trustmanagerclass", "trustmanagerconstructorarg",
            "accesstokencallbackclass",
            // DB2: driver traces, with statements and values, to a file
            "tracefile", "tracedirectory"));
    /** Switches refused unless false: local files read on the server's request, deserialization, values in errors. */
    private static final Set<String> UNLESS_FALSE = new HashSet<>(Arrays.asList(
            "allowloadlocalinfile", "allowlocalinfile", "allowurlinlocalinfile", "autodeserialize",
            "dumpqueriesonexception", "logservererrordetail"));
    /** The driver classes each URL scheme may name. */
    private static final Map<String, List<String>> DRIVERS = new HashMap<>();
    /** {@code key=value} after ? & ; : ( or , (a key may be percent-encoded: pgjdbc decodes it). */
    private static final Pattern OPTION = Pattern.compile("[?&;:(,]\\s*([A-Za-z0-9_.%\\-]+)\\s*=\\s*([^&;,)]*)");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    static {
        DRIVERS.put("h2", Collections.singletonList("org.h2.Driver"));
        DRIVERS.put("postgresql", Collections.singletonList("org.postgresql.Driver"));
        DRIVERS.put("mariadb", Collections.singletonList("org.mariadb.jdbc.Driver"));
        DRIVERS.put("mysql", Arrays.asList("com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver",
                "org.mariadb.jdbc.Driver"));
        DRIVERS.put("oracle", Arrays.asList("oracle.jdbc.OracleDriver", "oracle.jdbc.driver.OracleDriver"));
        DRIVERS.put("sqlserver", Collections.singletonList("com.microsoft.sqlserver.jdbc.SQLServerDriver"));
        DRIVERS.put("db2", Collections.singletonList("com.ibm.db2.jcc.DB2Driver"));
    }

    private JdbcUrlPolicy() {
    }

    /** The options of {@code url} that are refused, by name as written, in URL order. */
    static List<String> unsafeOptions(String url) {
        List<String> found = new ArrayList<>();
        Matcher m = OPTION.matcher(url);
        while (m.find()) {
            String key = decode(m.group(1)).toLowerCase(Locale.ROOT);
            String value = decode(m.group(2)).trim();
            boolean refused = ANY_VALUE.contains(key)
                    || UNLESS_FALSE.contains(key) && !"false".equalsIgnoreCase(value);
            if (refused && !found.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /** Null when {@code driver} is one the URL's scheme names, else what is wrong. */
    static String driverProblem(String url, String driver) {
        if (!CLASS_NAME.matcher(driver).matches()) {
            return "driver must be a Java class name, e.g. org.postgresql.Driver";
        }
        String scheme = scheme(url);
        List<String> allowed = DRIVERS.get(scheme);
        if (allowed == null) {
            return "driver=" + driver + ": the url's scheme jdbc:" + scheme + ": names no driver this tool knows; "
                    + "remove driver to let the url choose one, or set allowUnsafeJdbcOptions = true in this block";
        }
        if (!allowed.contains(driver)) {
            return "driver=" + driver + " is not the driver of a jdbc:" + scheme + ": url; expected "
                    + String.join(" or ", allowed) + " (or remove driver to let the url choose one)";
        }
        return null;
    }

    /** Whether {@code url} reaches PostgreSQL, whose driver must be told not to quote row values in errors. */
    static boolean isPostgresql(String url) {
        return "postgresql".equals(scheme(url));
    }

    private static String scheme(String url) {
        String rest = url.substring("jdbc:".length());
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            return s;
        }
    }
}
