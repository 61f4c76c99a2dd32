/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port that forwards to one server and can go silent the way a dead network does: in
 * {@link #blackHole()} it keeps every connection open and accepts new ones, but drops every byte either side sends,
 * so nothing fails, nothing answers. {@link #resume()} forwards again; what was dropped stays lost, as after a
 * partition that outlived the peers' patience, so connections used meanwhile are out of step for good and only new
 * ones work.
 */
public final class BlackHoleProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private final AtomicLong droppedUp = new AtomicLong();
    private volatile boolean closed;

    private BlackHoleProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        // port 0: the proxy never restarts, so the kernel's pick cannot be taken from it meanwhile
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "black-hole-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts forwarding connections on a free loopback port to {@code host:port}. */
    public static BlackHoleProxy to(String host, int port) throws IOException {
        return new BlackHoleProxy(host, port);
    }

    /** The loopback port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** From now on every byte is dropped, in both directions; connections stay open. */
    public void blackHole() {
        silent = true;
    }

    /** Bytes the clients sent while silent: a request that will never be answered is waiting. */
    public long droppedFromClients() {
        return droppedUp.get();
    }

    /** Forwards again. */
    public void resume() {
        silent = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                try {
                    server.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(server);
                    continue;
                }
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("the proxy on port " + port() + " stopped accepting", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!silent) {
                        out.write(buffer, 0, n);
                        out.flush();
                    } else if ("up".equals(direction)) {
                        droppedUp.addAndGet(n);
                    }
                }
            } catch (IOException e) {
                // one side closed: the connection ends for both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "black-hole-proxy-" + port() + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }
}
