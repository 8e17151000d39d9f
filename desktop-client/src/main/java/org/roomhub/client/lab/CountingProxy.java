package org.roomhub.client.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of the hub that counts what really crosses the wire for the clients
 * routed through it: bytes each way (HTTP headers, WebSocket framing, SSE fields included), HTTP
 * requests made and TCP connections open. It forwards bytes untouched.
 */
public final class CountingProxy implements AutoCloseable {

    private static final byte[] REQUEST_LINE_END = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();

    private CountingProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts a relay to the host and port of {@code hubUrl} (a plain {@code http} hub). */
    public static CountingProxy start(URI hubUrl) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            int port = hubUrl.getPort() > 0 ? hubUrl.getPort() : 80;
            CountingProxy proxy = new CountingProxy(server, new InetSocketAddress(hubUrl.getHost(), port));
            proxy.pumps.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lab's byte counter", e);
        }
    }

    /** Where clients connect. */
    public int port() {
        return server.getLocalPort();
    }

    /** Bytes sent by clients, all connections so far. */
    public long bytesUp() {
        return up.get();
    }

    /** Bytes sent to clients, all connections so far. */
    public long bytesDown() {
        return down.get();
    }

    /** HTTP requests made so far (the WebSocket upgrade counts as one). */
    public long requests() {
        return requests.get();
    }

    /** TCP connections open now. */
    public int openConnections() {
        return open.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket hub = new Socket();
                hub.connect(target, 5_000);
                sockets.add(client);
                sockets.add(hub);
                open.incrementAndGet();
                AtomicInteger ends = new AtomicInteger();
                pumps.execute(() -> pump(client, hub, up, true, ends));
                pumps.execute(() -> pump(hub, client, down, false, ends));
            } catch (IOException e) {
                // closed, or the hub refused one connection: that client sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter, boolean countRequests, AtomicInteger ends) {
        byte[] buffer = new byte[16 * 1024];
        int matched = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                counter.addAndGet(n);
                if (countRequests) {
                    for (int i = 0; i < n; i++) { // a streaming match of the request line's end: requests may straddle reads
                        matched = buffer[i] == REQUEST_LINE_END[matched] ? matched + 1 : (buffer[i] == REQUEST_LINE_END[0] ? 1 : 0);
                        if (matched == REQUEST_LINE_END.length) {
                            requests.incrementAndGet();
                            matched = 0;
                        }
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            if (ends.incrementAndGet() == 2) {
                open.decrementAndGet();
            }
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(this::closeQuietly);
        pumps.shutdownNow();
    }
}
