package org.roomhub.hub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Many idle room WebSockets held by one small-heap hub (issue 12: "20,000 idle sockets held by a hub
 * with -Xmx512m"). The JDK WebSocket client is far too heavy for tens of thousands of sockets in the
 * bench JVM, so this opens them by hand on NIO: one selector thread connects (at most
 * {@link #IN_FLIGHT} handshakes at a time), writes the upgrade, checks the {@code 101}, and from then
 * on reads and throws away whatever arrives (welcome frames, presence, pings). Sources are spread over
 * 127.0.0.2–9 so the loopback's ephemeral ports never run out.
 */
final class IdleSockets implements AutoCloseable {

    static final int IN_FLIGHT = 256;

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private int upgraded;
    private int refused;
    private Thread drain;

    private IdleSockets() throws IOException {
        selector = Selector.open();
    }

    /** One socket's handshake: the request still to write, then the response head being read. */
    private static final class Handshake {
        final ByteBuffer request;
        final StringBuilder head = new StringBuilder();
        boolean done;

        Handshake(String path) {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            request = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Opens {@code paths.size()} sockets to {@code port}, one per path, and returns once each was
     * upgraded or refused; the sockets then stay open, drained in the background, until {@link #close}.
     */
    static IdleSockets open(int port, List<String> paths) throws IOException {
        IdleSockets s = new IdleSockets();
        s.connectAll(port, paths);
        s.drainInBackground();
        return s;
    }

    int upgraded() {
        return upgraded;
    }

    int refused() {
        return refused;
    }

    private void connectAll(int port, List<String> paths) throws IOException {
        InetSocketAddress hub = new InetSocketAddress("127.0.0.1", port);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int next = 0;
        int pending = 0;
        long lastProgress = System.nanoTime();
        while (next < paths.size() || pending > 0) {
            while (pending < IN_FLIGHT && next < paths.size()) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.bind(new InetSocketAddress("127.0.0." + (2 + next % 8), 0));
                channels.add(c);
                Handshake h = new Handshake(paths.get(next++));
                if (c.connect(hub)) {
                    c.register(selector, SelectionKey.OP_WRITE, h);
                } else {
                    c.register(selector, SelectionKey.OP_CONNECT, h);
                }
                pending++;
            }
            if (selector.select(1000) == 0) {
                if (System.nanoTime() - lastProgress > 120_000_000_000L) {
                    throw new IOException(pending + " handshakes stalled for 120 s (" + upgraded + " upgraded so far)");
                }
                continue;
            }
            lastProgress = System.nanoTime();
            for (var it = selector.selectedKeys().iterator(); it.hasNext();) {
                SelectionKey key = it.next();
                it.remove();
                SocketChannel c = (SocketChannel) key.channel();
                Handshake h = (Handshake) key.attachment();
                try {
                    if (key.isConnectable() && c.finishConnect()) {
                        key.interestOps(SelectionKey.OP_WRITE);
                    } else if (key.isWritable()) {
                        c.write(h.request);
                        if (!h.request.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        buffer.clear();
                        int n = c.read(buffer);
                        if (n < 0) {
                            throw new IOException("closed during the handshake");
                        }
                        if (!h.done) {
                            h.head.append(new String(buffer.array(), 0, Math.min(n, 64), StandardCharsets.ISO_8859_1));
                            if (h.head.length() >= 12) {
                                h.done = true;
                                pending--;
                                if (h.head.indexOf("HTTP/1.1 101") == 0) {
                                    upgraded++;
                                    h.head.setLength(0);
                                } else {
                                    refused++;
                                    key.cancel();
                                    c.close();
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    if (!h.done) {
                        h.done = true;
                        pending--;
                        refused++;
                    }
                    key.cancel();
                    c.close();
                }
            }
        }
    }

    /** Reads and discards everything the hub sends, so no socket's buffers fill and stall the hub's writes. */
    private void drainInBackground() {
        drain = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (open.get()) {
                try {
                    selector.select(500);
                    for (var it = selector.selectedKeys().iterator(); it.hasNext();) {
                        SelectionKey key = it.next();
                        it.remove();
                        SocketChannel c = (SocketChannel) key.channel();
                        buffer.clear();
                        try {
                            if (c.read(buffer) < 0) {
                                key.cancel();
                                c.close();
                            }
                        } catch (IOException e) {
                            key.cancel();
                            c.close();
                        }
                    }
                } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                    return;
                }
            }
        }, "idle-sockets-drain");
        drain.setDaemon(true);
        drain.start();
    }

    /** Sockets still open on this side. */
    long stillOpen() {
        return channels.stream().filter(SocketChannel::isOpen).count();
    }

    @Override
    public void close() {
        open.set(false);
        try {
            drain.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /**
     * The scenario: a hub child with {@code -Xmx512m} and a heartbeat window of an hour (the raw
     * clients never pong), {@code n} sockets in chat rooms of 20. Heap is read after one socket per
     * room (rooms made) and after all of them; the difference per socket is the figure.
     */
    static void run(int n, Path dataRoot, Versus.Hubs children, Versus.Report add) throws Exception {
        int perRoom = 20;
        int rooms = Math.max(1, n / perRoom);
        Path config = Files.createDirectories(dataRoot).resolve("idle-sockets.yaml");
        Files.writeString(config, "transport:\n  heartbeat-window: 1h\n");
        try (ChildHub hub = children.start("idle-sockets", List.of("-Xmx512m"), "--config", config.toString(),
                "--max-connections-per-user", Integer.toString(n + 100), "--max-connections-per-room", Integer.toString(perRoom + 10))) {
            ProcStats stats = new ProcStats(hub.pid());
            List<String> first = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < rooms * perRoom; i++) {
                (i < rooms ? first : rest).add("/rooms/chat/idle-" + (i % rooms));
            }
            long t0 = System.nanoTime();
            try (IdleSockets a = open(hub.port, first)) {
                awaitConnections(hub, a.upgraded());
                long heap0 = stats.heapUsedAfterGc();
                long rss0 = stats.statusBytes("VmRSS");
                try (IdleSockets b = open(hub.port, rest)) {
                    int held = a.upgraded() + b.upgraded();
                    awaitConnections(hub, held);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long heap1 = stats.heapUsedAfterGc();
                    stats.histogram("idle-sockets");
                    long rss1 = stats.statusBytes("VmRSS");
                    long stillOpen = a.stillOpen() + b.stillOpen();
                    double perSocket = (heap1 - heap0) / (double) b.upgraded();
                    add.add("idle-sockets", String.format(Locale.ROOT, "idle WebSockets held by a hub with -Xmx512m (%,d asked, chat rooms of %d)", n, perRoom),
                            String.format(Locale.ROOT, "%,d", held), "sockets",
                            String.format(Locale.ROOT, "%d refused; %,d still open after the heap reading; opened in %.0f s; used heap after GC %.0f MiB; RSS %.0f MiB",
                                    a.refused() + b.refused(), stillOpen, seconds, heap1 / 1048576.0, rss1 / 1048576.0));
                    add.add("idle-sockets", "heap per idle WebSocket there (settled, after full GC)", String.format(Locale.ROOT, "%.0f", perSocket), "bytes",
                            String.format(Locale.ROOT, "over the last %,d sockets; RSS growth per socket %.0f bytes", b.upgraded(), (rss1 - rss0) / (double) b.upgraded()));
                }
            }
        }
    }

    private static void awaitConnections(ChildHub hub, int n) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            double c = HubBenchmark.samples(hub.get("/metrics").body()).getOrDefault("roomhub_connections", 0.0);
            if (c >= n) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("the hub did not count " + n + " connections within 300 s");
    }
}
