/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code freeze-rules}: each format passes its server's own configuration check, and a real nginx, HAProxy and
 * Apache httpd, started with the rules, let WSO2's allowlisted endpoints through and answer 503 to everything else,
 * including the encoded and dot-dot paths a server behind them would resolve to a frozen endpoint. The servers are
 * the Debian packages nginx, haproxy and apache2 (.ci/run installs them); a test is skipped only when its binary is
 * absent.
 */
class FreezeRulesTest {

    private static final String EXTRA = "/t/example.com/commonauth";

    /** Paths that must reach IS during the freeze. */
    private static final List<String> ALLOWED = Arrays.asList("/oauth2/token", "/commonauth",
            "/authenticationendpoint/login.do", "/samlsso?SAMLRequest=abc%2Fdef",
            "/oauth2/authorize?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb", "/oauth2/token;jsessionid=1",
            "/api/identity/entitlement/decision/pdp", "/passivests", "/totpauthenticationendpoint/totp.jsp",
            EXTRA + "/x");
    /** Paths that must not: other endpoints, and allowlisted prefixes that resolve elsewhere behind the balancer. */
    private static final List<String> FROZEN = Arrays.asList("/scim2/Users", "/api/identity/user/v1.0/me",
            "/carbon/admin/login.jsp", "/oauth2/tokenx", "/", "/services/RemoteUserStoreManagerService",
            "/commonauth/../scim2/Users", "/commonauth/..;/scim2/Users", "/commonauth/%2e%2e/scim2/Users",
            "/oauth2/token/%2E%2E/%2E%2E/scim2/Users", "/samlsso%2f..%2fscim2/Users", "/t/example.com/scim2/Users");

    @TempDir
    Path dir;

    @Test
    void everyAllowlistedEndpointIsPrinted() {
        for (String format : new String[] {"nginx", "haproxy", "apache"}) {
            LauncherRun run = LauncherRun.of("freeze-rules", "--format", format);
            assertEquals(0, run.exitCode, run::toString);
            for (String path : FreezeRules.WSO2_ALLOWLIST) {
                assertTrue(run.out.contains(path + "|") || run.out.contains(path + ")"), () -> format + " lacks "
                        + path + ":\n" + run.out);
            }
        }
    }

    @Test
    void badInputIsRefusedAndPrintsNothing() {
        for (String path : new String[] {"/", "oauth2", "/a/../scim2", "/a b", "/a|b", "/a\"b", "/x/./y", "/a(b"}) {
            LauncherRun run = LauncherRun.of("freeze-rules", "--format", "nginx", "--allow", path);
            assertEquals(2, run.exitCode, run::toString);
            assertTrue(run.err.startsWith("--allow=" + path + ": expected a plain absolute path"), run::toString);
            assertEquals("", run.out, run::toString);
        }
        LauncherRun format = LauncherRun.of("freeze-rules", "--format", "iis");
        assertEquals(2, format.exitCode, format::toString);
        assertTrue(format.err.contains("--format") && format.err.contains("nginx, haproxy, apache"), format::toString);
    }

    @Test
    void nginxAcceptsTheRulesAndFreezesTheRest() throws Exception {
        Path nginx = binary("nginx", "/usr/sbin/nginx");
        int port = freePort();
        Path conf = write("nginx.conf", "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + ";\n"
                + "events {}\n"
                + "http {\n  access_log off;\n  server {\n    listen 127.0.0.1:" + port + ";\n"
                + rules("nginx")
                + "    location / { return 200 'IS'; }\n  }\n}\n");
        String[] prefix = {nginx.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(), "-c",
            conf.toString()};
        checks(concat(prefix, "-t"), conf, "bogus_directive on;\n");
        probe(concat(prefix, "-g", "daemon off;"), port, 200);
    }

    @Test
    void haproxyAcceptsTheRulesAndFreezesTheRest() throws Exception {
        Path haproxy = binary("haproxy", "/usr/sbin/haproxy");
        int port = freePort();
        Path conf = write("haproxy.cfg", "defaults\n  mode http\n  timeout connect 5s\n  timeout client 10s\n"
                + "  timeout server 10s\n"
                + "frontend old_is\n  bind 127.0.0.1:" + port + "\n"
                + indent(rules("haproxy"), "  ")
                + "  http-request return status 200 content-type text/plain string IS\n");
        checks(new String[] {haproxy.toString(), "-c", "-f", conf.toString()}, conf, "  bogus_keyword on\n");
        probe(new String[] {haproxy.toString(), "-db", "-f", conf.toString()}, port, 200);
    }

    @Test
    void apacheAcceptsTheRulesAndFreezesTheRest() throws Exception {
        Path apache = binary("apache2ctl", "/usr/sbin/apache2ctl");
        Path modules = Paths.get("/usr/lib/apache2/modules");
        int port = freePort();
        Path conf = write("apache2.conf", "ServerRoot " + dir + "\n"
                + "DefaultRuntimeDir " + dir + "\n"
                + "PidFile " + dir.resolve("httpd.pid") + "\n"
                + "ErrorLog " + dir.resolve("error.log") + "\n"
                + "LoadModule mpm_event_module " + modules.resolve("mod_mpm_event.so") + "\n"
                + "LoadModule authz_core_module " + modules.resolve("mod_authz_core.so") + "\n"
                + "LoadModule rewrite_module " + modules.resolve("mod_rewrite.so") + "\n"
                + "LoadModule alias_module " + modules.resolve("mod_alias.so") + "\n"
                + "ServerName localhost\nUser www-data\nGroup www-data\n"
                + "Listen 127.0.0.1:" + port + "\n"
                + "<VirtualHost 127.0.0.1:" + port + ">\n"
                + indent(rules("apache"), "  ")
                + "  Redirect 307 / http://old-is.example.com/\n"
                + "</VirtualHost>\n");
        checks(new String[] {apache.toString(), "-t", "-f", conf.toString()}, conf, "BogusDirective on\n");
        // What passes the rules is redirected (307), standing in for the proxy to the old IS nodes.
        probe(new String[] {apache.getParent().resolve("apache2").toString(), "-X", "-f", conf.toString()}, port,
                307);
    }

    private static Path binary(String name, String path) {
        Path p = Paths.get(path);
        assumeTrue(Files.isExecutable(p), () -> name + " is not installed (" + path + ", Debian package "
                + (name.startsWith("apache") ? "apache2" : name) + "; .ci/run installs it): the real check of "
                + "freeze-rules --format " + (name.startsWith("apache") ? "apache" : name) + " is skipped");
        return p;
    }

    private String rules(String format) {
        LauncherRun run = LauncherRun.of("freeze-rules", "--format", format, "--allow", EXTRA);
        assertEquals(0, run.exitCode, run::toString);
        return run.out;
    }

    /** The server's check passes on the rules, and fails with a broken line in their place: the check is real. */
    private void checks(String[] check, Path conf, String broken) throws Exception {
        Result ok = run(check);
        assertEquals(0, ok.code, () -> "config check failed:\n" + ok.output + "\n" + read(conf));
        String text = read(conf);
        Path bad = dir.resolve("broken-" + conf.getFileName());
        Files.write(bad, text.replace("RewriteEngine On\n", "RewriteEngine On\n" + broken)
                .replace("acl is_freeze_encoded", broken.trim() + "\n  acl is_freeze_encoded")
                .replace("if ($request_uri", broken + "if ($request_uri").getBytes(StandardCharsets.UTF_8));
        String[] badCheck = check.clone();
        for (int i = 0; i < badCheck.length; i++) {
            if (badCheck[i].equals(conf.toString())) {
                badCheck[i] = bad.toString();
            }
        }
        Result broke = run(badCheck);
        assertNotEquals(0, broke.code, () -> "config check accepted a broken config:\n" + broke.output);
    }

    /** Starts the server, asks it for every path, and stops it. */
    private void probe(String[] start, int port, int allowedStatus) throws Exception {
        Process server = new ProcessBuilder(start).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile()).start();
        try {
            awaitListening(server, port);
            for (String path : ALLOWED) {
                assertEquals(allowedStatus, status(port, path), () -> path + " must reach IS during the freeze");
            }
            for (String path : FROZEN) {
                int status = status(port, path);
                // Apache refuses an encoded slash itself (AllowEncodedSlashes Off: 404), before any rule runs.
                assertTrue(status == 503 || status == 404 && path.contains("%2f"),
                        () -> path + " must be frozen (503), was " + status);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitListening(Process server, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the server did not listen on " + port + ":\n"
                            + read(dir.resolve("server.out")), notYet);
                }
                // The server is starting: wait for it on the process, bounded, instead of a fixed sleep.
                server.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The status of one request, sent as raw bytes so that no client normalises the path. */
    private static int status(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(line != null && line.startsWith("HTTP/1."), () -> path + ": no HTTP answer: " + line);
            return Integer.parseInt(line.split(" ")[1]);
        }
    }

    private Result run(String... command) throws Exception {
        Path output = Files.createTempFile(dir, "check", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), String.join(" ", command) + "\n" + read(output));
    }

    private Path write(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + p + ": " + e + ")";
        }
    }

    private static String indent(String text, String by) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            b.append(by).append(line).append('\n');
        }
        return b.toString();
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(Arrays.asList(a));
        all.addAll(Arrays.asList(b));
        return all.toArray(new String[0]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static final class Result {
        final int code;
        final String output;

        Result(int code, String output) {
            this.code = code;
            this.output = output;
        }
    }
}
