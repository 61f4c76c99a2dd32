/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Drives the {@link PostgresEstate}'s black-hole proxy from inside the framework. The proxy lives in the test JVM's
 * class loader, which the framework's bundles do not see, so the test asks over a loopback socket.
 */
final class ProxyControl {

    /** The system property with the control port. */
    static final String PORT = "it.proxy.control";
    static final String BLACK_HOLE = "blackhole";
    static final String RESUME = "resume";
    static final int TIMEOUT_MILLIS = 5_000;

    private ProxyControl() {
    }

    /** From now on the proxy drops every byte, both ways, and keeps the connections open. */
    static void blackHole() throws IOException {
        send(BLACK_HOLE);
    }

    /** The proxy forwards again; what it dropped stays lost. */
    static void resume() throws IOException {
        send(RESUME);
    }

    private static void send(String command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.getInteger(PORT)),
                    TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (!"ok".equals(answer)) {
                throw new IOException("the proxy did not take '" + command + "': " + answer);
            }
        }
    }
}
