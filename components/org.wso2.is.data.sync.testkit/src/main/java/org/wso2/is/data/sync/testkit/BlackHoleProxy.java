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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on a loopback port that forwards to one server and can go silent the way a dead network does: in
 * {@link #blackHole()} it keeps every connection open and accepts new ones, but drops every byte either side sends,
 * so nothing fails, nothing answers. {@link #resume()} forwards again; what was dropped stays lost, as after a
 * partition that outlived the peers' patience, so connections used meanwhile are out of step for good and only new
 * ones work.
 *
 * <p>{@link #to(String, int, Duration)} adds a fixed delay to every byte in each direction, as a network between the
 * sync and its databases would: on loopback a round trip costs some 50 µs, which flatters a tool that makes many.
 * The delay does not limit throughput: bytes are read as they come and each chunk is sent on when its time is up.
 */
public final class BlackHoleProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private final AtomicLong droppedUp = new AtomicLong();
    private volatile boolean closed;
    /** Added to every byte's way, in each direction; 0 forwards at once. */
    private final long delayNanos;

    private BlackHoleProxy(String targetHost, int targetPort, Duration delay) throws IOException {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a negative delay: " + delay);
        }
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.delayNanos = delay.toNanos();
        // port 0: the proxy never restarts, so the kernel's pick cannot be taken from it meanwhile
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "black-hole-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts forwarding connections on a free loopback port to {@code host:port}. */
    public static BlackHoleProxy to(String host, int port) throws IOException {
        return new BlackHoleProxy(host, port, Duration.ZERO);
    }

    /** As {@link #to(String, int)}, with {@code delay} added to each direction (a round trip costs twice it more). */
    public static BlackHoleProxy to(String host, int port, Duration delay) throws IOException {
        return new BlackHoleProxy(host, port, delay);
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
                // The drivers send small requests and wait for the answer: Nagle's algorithm would hold them back.
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
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
        BlockingQueue<Chunk> line = delayNanos == 0 ? null : new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (silent) {
                        if ("up".equals(direction)) {
                            droppedUp.addAndGet(n);
                        }
                    } else if (line != null) {
                        line.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                    } else {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed: the connection ends for both
            } finally {
                if (line != null) {
                    line.add(Chunk.END);
                } else {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        }, "black-hole-proxy-" + port() + "-" + direction);
        t.setDaemon(true);
        t.start();
        if (line != null) {
            Thread sender = new Thread(() -> send(line, from, to), "black-hole-proxy-" + port() + "-" + direction
                    + "-delayed");
            sender.setDaemon(true);
            sender.start();
        }
    }

    /** Sends each chunk of {@code line} on once its time is up; the end of the line closes the connection. */
    private static void send(BlockingQueue<Chunk> line, Socket from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk c = line.take();
                if (c == Chunk.END) {
                    return;
                }
                for (long wait = c.due - System.nanoTime(); wait > 0; wait = c.due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                out.write(c.bytes);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the connection ends for both
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Bytes read at one time, and when they are to be sent on. */
    private static final class Chunk {
        static final Chunk END = new Chunk(0, new byte[0]);
        final long due;
        final byte[] bytes;

        Chunk(long due, byte[] bytes) {
            this.due = due;
            this.bytes = bytes;
        }
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
