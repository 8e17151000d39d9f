package org.roomhub.client.lab;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The slow-consumer scenario's only traffic: {@value #SENDERS} senders in turn, one ~12 KB chat message
 * every {@value #PERIOD_MILLIS} ms in all, each stamped with its send time ({@code p=<nanoTime>;…}) so a
 * reader can time it. Each sender sends 2 a second: its connection's 60-token budget (refilled 1 a second)
 * lasts {@value #MAX_SECONDS} s and more, so nothing is refused. The senders are {@link RawWebSocket}s that
 * skip what they receive unread: the fan-out costs the hub its writes, not this app's decoding. The rate is
 * steady, so the room never has a backlog of writes queued ahead of a message: what a reader measures is
 * the hub's own path, the same before and during a stall.
 */
final class PacedStream implements AutoCloseable {

    static final int SENDERS = 20;
    static final long PERIOD_MILLIS = 25;
    static final int MAX_SECONDS = 55;
    private static final String PADDING = "€".repeat(3_960); // 3 bytes each in UTF-8: ~12 KB frames

    private final List<RawWebSocket> senders = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-paced-stream");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger sent = new AtomicInteger();
    private volatile long startedNanos;
    private volatile boolean stopped;
    private volatile String failure;

    /** Opens the senders ({@code socket} gives sender i's room URL); each is in the room once its upgrade is answered. */
    void open(IntFunction<URI> socket) throws IOException {
        for (int i = 0; i < SENDERS; i++) {
            RawWebSocket s = new RawWebSocket(socket.apply(i), 64 * 1024);
            senders.add(s);
            Thread drain = new Thread(() -> {
                try {
                    while (!s.skip()) {
                        // unread: only the hub's writes count
                    }
                } catch (IOException e) {
                    // closed by the scenario, or quiet for 30 s after the stream
                }
            }, "lab-paced-drain-" + i);
            drain.setDaemon(true);
            drain.start();
        }
    }

    /** Starts sending; it ends by itself after {@value #MAX_SECONDS} s. */
    void start() {
        startedNanos = System.nanoTime();
        pace.scheduleAtFixedRate(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (stopped || expired()) {
            return;
        }
        RawWebSocket s = senders.get(sent.get() % senders.size());
        try {
            s.send("{\"type\":\"chat-message\",\"text\":\"p=" + System.nanoTime() + ";" + PADDING + "\"}");
            sent.incrementAndGet();
        } catch (IOException e) {
            failure = "a sender failed: " + e.getMessage();
            stopped = true;
        }
    }

    /** Stops sending (the senders stay open until {@link #close()}). */
    void stop() {
        stopped = true;
    }

    boolean expired() {
        return startedNanos != 0 && System.nanoTime() - startedNanos > TimeUnit.SECONDS.toNanos(MAX_SECONDS);
    }

    boolean sending() {
        return startedNanos != 0 && !stopped && !expired();
    }

    int sent() {
        return sent.get();
    }

    String failure() {
        return failure;
    }

    static String describe() {
        return SENDERS + " senders × 2/s = " + 1000 / PERIOD_MILLIS + " msgs/s, ~12 KB each";
    }

    @Override
    public void close() {
        stopped = true;
        pace.shutdownNow();
        for (RawWebSocket s : senders) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
