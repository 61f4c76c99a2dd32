/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Picks a free loopback port for an embedded server at run time. */
final class FreePorts {

    // Below Linux's ephemeral range (32768-60999), where port 0 would land: there the kernel may hand the
    // port to an outgoing connection while a server is stopped for a restart, and the server could not get it back.
    private static final int LOWEST = 20000;
    private static final int HIGHEST = 32767;
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    static int pick() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port found in " + LOWEST + "-" + HIGHEST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
