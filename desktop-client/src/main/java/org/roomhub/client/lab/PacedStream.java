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
 * The slow-consumer scenario's only traffic: {@value #SENDERS} senders in turn, one ~12 KB chat message every
 * {@value #PERIOD_MILLIS} ms at most, each stamped with its send time ({@code p=<nanoTime>;…}) so a reader can
 * time it. A message is only sent while fewer than {@value #WINDOW} are in flight (sent, not yet seen by the timing
 * reader): the room never has a backlog of durable writes queued ahead of a message, on a busy machine the rate
 * drops instead. Each sender sends at most 40/{@value #SENDERS} a second: its connection's 60-token budget (refilled 1
 * a second) lasts 90 s at that full rate, longer than the stream needs to fill a reader's queue at it; at lower
 * rates it never runs out within the {@value #MAX_SECONDS} s the stream may run. The senders are {@link RawWebSocket}s that skip what they
 * receive unread: the fan-out costs the hub its writes, not this app's decoding.
 */
final class PacedStream implements AutoCloseable {

    static final int SENDERS = 24;
    static final long PERIOD_MILLIS = 25;
    static final int MAX_SECONDS = 150;
    static final int WINDOW = 10;
    private static final String PADDING = "€".repeat(3_960); // 3 bytes each in UTF-8: ~12 KB frames

    private final List<RawWebSocket> senders = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-paced-stream");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger seen = new AtomicInteger();
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
        if (stopped || expired() || sent.get() - seen.get() >= WINDOW) {
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

    /** The timing reader saw one of the stream's messages. */
    void seen() {
        seen.incrementAndGet();
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
        return SENDERS + " senders, ≤ " + 1000 / PERIOD_MILLIS + " msgs/s, ≤ " + WINDOW + " in flight, ~12 KB each";
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
