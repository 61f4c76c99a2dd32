/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delay the proxy adds: every byte late by it in each direction, and bytes in flight not held up by it. */
class BlackHoleProxyTest {

    private static final Duration DELAY = Duration.ofMillis(50);

    @Test
    void aQueryThroughTheDelayingProxyTakesTwiceTheDelayAndAnswersRight() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            String url = db.jdbcUrl();
            int port = Integer.parseInt(url.replaceFirst("^jdbc:postgresql://[^:/]+:([0-9]+)/.*$", "$1"));
            try (BlackHoleProxy proxy = BlackHoleProxy.to("localhost", port, DELAY);
                 Connection c = DriverManager.getConnection(url.replaceFirst(":" + port + "/", ":" + proxy.port()
                         + "/"), db.username(), db.password());
                 Statement s = c.createStatement()) {
                long t = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                    assertTrue(rs.next());
                    assertEquals(42, rs.getInt(1));
                }
                long elapsed = System.nanoTime() - t;
                assertTrue(elapsed >= 2 * DELAY.toNanos(), "a round trip took " + elapsed / 1e6 + " ms");
            }
        }
    }

    @Test
    void messagesSentBackToBackArriveTogetherNotOneDelayEach() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream();
                     OutputStream out = s.getOutputStream()) {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (Exception e) {
                    // the client closed
                }
            }, "echo");
            server.setDaemon(true);
            server.start();
            int messages = 40;
            byte[] sent = new byte[messages * 100];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) i;
            }
            try (BlackHoleProxy proxy = BlackHoleProxy.to("127.0.0.1", echo.getLocalPort(), DELAY);
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.setSoTimeout(10_000);
                long t = System.nanoTime();
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < messages; i++) {
                    out.write(sent, i * 100, 100);
                    out.flush();
                }
                byte[] received = new byte[sent.length];
                new DataInputStream(client.getInputStream()).readFully(received);
                long elapsed = System.nanoTime() - t;
                assertArrayEquals(sent, received);
                assertTrue(elapsed >= 2 * DELAY.toNanos(), "the echo came back after " + elapsed / 1e6 + " ms");
                // One delay per message, one after the other, would take 40 x 100 ms.
                assertTrue(elapsed < messages * 2 * DELAY.toNanos() / 2, "the echo took " + elapsed / 1e6 + " ms");
            }
        }
    }
}
