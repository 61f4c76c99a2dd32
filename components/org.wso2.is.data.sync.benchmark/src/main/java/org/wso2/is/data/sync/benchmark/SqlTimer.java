/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Where the sync's wall time goes, seen from JDBC: wraps a DataSource so that every statement execution, commit
 * and connection checkout is timed and filed under "side: verb table" (e.g. "source: SELECT SYN_J_TOKEN"). The
 * drivers used here read whole result sets in executeQuery, so the time of a query includes fetching its rows.
 */
final class SqlTimer {

    private static final Pattern TABLE = Pattern.compile(
            "^\\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM)\\s+(?:.*?\\bFROM\\s+)?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Per label: calls, nanoseconds, and each call's duration (for the trend over a drain). */
    static final class Stat {
        long calls;
        long nanos;
        long max;
        final List<Long> each = new ArrayList<>();

        synchronized void add(long n) {
            calls++;
            nanos += n;
            max = Math.max(max, n);
            if (each.size() < 200_000) {
                each.add(n);
            }
        }
    }

    private final Map<String, Stat> stats = new ConcurrentHashMap<>();

    DataSource wrap(DataSource ds, String side) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class,
            PoolLogin.class}, (proxy, m, args) -> {
                    if (m.getDeclaringClass() == PoolLogin.class) {
                        // the pool's own getter of that name (HikariCP's), for log capture's replication login
                        return call(ds, ds.getClass().getMethod(m.getName()), args);
                    }
                    if (m.getName().equals("getConnection")) {
                        long t = System.nanoTime();
                        Connection c = (Connection) call(ds, m, args);
                        record(side + ": get connection", t);
                        return connection(c, side);
                    }
                    return call(ds, m, args);
                });
    }

    private Connection connection(Connection c, String side) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "prepareStatement":
                            return statement(call(c, m, args), PreparedStatement.class, side, (String) args[0]);
                        case "createStatement":
                            return statement(call(c, m, args), Statement.class, side, null);
                        case "commit":
                        case "rollback":
                            if (args == null || args.length == 0) {
                                long t = System.nanoTime();
                                Object r = call(c, m, args);
                                record(side + ": " + m.getName().toUpperCase(Locale.ROOT), t);
                                return r;
                            }
                            return call(c, m, args);
                        default:
                            return call(c, m, args);
                    }
                });
    }

    private Object statement(Object s, Class<?> type, String side, String sql) {
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().startsWith("execute")) {
                String text = sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String
                        ? (String) args[0] : "?";
                long t = System.nanoTime();
                Object r = call(s, m, args);
                record(side + ": " + label(text) + (m.getName().equals("executeBatch") ? " (batch)" : ""), t);
                return r;
            }
            return call(s, m, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h);
    }

    static String label(String sql) {
        Matcher m = TABLE.matcher(sql);
        if (!m.find()) {
            return sql.length() > 40 ? sql.substring(0, 40) : sql;
        }
        String verb = m.group(1).toUpperCase(Locale.ROOT).split(" ")[0];
        String label = verb + " " + m.group(2).toUpperCase(Locale.ROOT);
        if (verb.equals("SELECT") && sql.toUpperCase(Locale.ROOT).contains("COUNT(")) {
            label += " (count)";
        }
        return label;
    }

    private void record(String label, long start) {
        stats.computeIfAbsent(label, k -> new Stat()).add(System.nanoTime() - start);
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    Map<String, Stat> stats() {
        return stats;
    }

    /** Lines "label | calls | total ms | mean ms | max ms | % of wall", biggest first. */
    List<String> report(long wallNanos) {
        List<Map.Entry<String, Stat>> entries = new ArrayList<>(stats.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue().nanos, a.getValue().nanos));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "    %-52s %8s %10s %9s %9s %7s", "JDBC call (side: verb table)",
                "calls", "total ms", "mean ms", "max ms", "% wall"));
        for (Map.Entry<String, Stat> e : entries) {
            Stat s = e.getValue();
            lines.add(String.format(Locale.ROOT, "    %-52s %8d %10.0f %9.2f %9.1f %6.1f%%", e.getKey(), s.calls,
                    s.nanos / 1e6, s.nanos / 1e6 / s.calls, s.max / 1e6, 100.0 * s.nanos / wallNanos));
        }
        return lines;
    }

    /** Mean duration (ms) of the first and last tenth of the calls under {@code label}, to see a trend. */
    double[] trend(String label) {
        Stat s = stats.get(label);
        if (s == null || s.each.isEmpty()) {
            return null;
        }
        List<Long> each;
        synchronized (s) {
            each = new ArrayList<>(s.each);
        }
        int tenth = Math.max(1, each.size() / 10);
        return new double[] {mean(each.subList(0, tenth)), mean(each.subList(each.size() - tenth, each.size())),
            mean(each), each.size()};
    }

    private static double mean(List<Long> values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return values.isEmpty() ? 0 : sum / 1e6 / values.size();
    }

    static List<String> sortedKeys(Map<String, ?> m) {
        List<String> k = new ArrayList<>(m.keySet());
        Collections.sort(k);
        return k;
    }
}
