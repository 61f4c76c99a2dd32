/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * A child JVM that runs one engine job on a source and target pair with bin/data-sync's heap
 * ({@link Options#LAUNCHER_INITIAL_HEAP} and the given -Xmx), so that its heap is measured alone. The child gets the
 * databases from the environment and answers with "RESULT key=value", "BREAKDOWN ..." and "TREND ..." lines; any
 * other line it prints is passed on.
 */
final class ChildJvm {

    /** What the child reported. */
    static final class Output {
        final Map<String, String> results = new LinkedHashMap<>();
        final List<String> breakdown = new ArrayList<>();
        final List<String> trends = new ArrayList<>();

        double value(String key) {
            String v = results.get(key);
            return v == null ? Double.NaN : Double.parseDouble(v);
        }
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code main} and waits for it.
     *
     * @param jfr where the child records a JFR file, or null for none
     * @throws IllegalStateException when the child exits other than 0
     */
    static Output run(Class<?> main, String maxHeap, Path jfr, BenchDatabase bdb, TestDatabase src, TestDatabase tgt,
                      Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(Options.LAUNCHER_INITIAL_HEAP);
        command.add("-Xmx" + maxHeap);
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> childEnv = pb.environment();
        childEnv.put("BENCH_SOURCE_URL", bdb.externalUrl(src));
        childEnv.put("BENCH_SOURCE_USER", src.username());
        childEnv.put("BENCH_SOURCE_PASSWORD", src.password());
        childEnv.put("BENCH_TARGET_URL", bdb.externalUrl(tgt));
        childEnv.put("BENCH_TARGET_USER", tgt.username());
        childEnv.put("BENCH_TARGET_PASSWORD", tgt.password());
        childEnv.putAll(env);
        Output out = new Output();
        Process p = pb.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RESULT ")) {
                    String[] kv = line.substring(7).split("=", 2);
                    out.results.put(kv[0], kv[1]);
                } else if (line.startsWith("BREAKDOWN ")) {
                    out.breakdown.add(line.substring(10));
                } else if (line.startsWith("TREND ")) {
                    out.trends.add(line.substring(6));
                } else {
                    Log.raw("  [" + main.getSimpleName() + "] " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(main.getSimpleName() + " exited with " + exit);
        }
        return out;
    }
}
