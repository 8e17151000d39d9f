package org.roomhub.client.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.ObserverConnection;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.MetricSample;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The slow-consumer scenario's metrics half: a reader that stops reading in a metrics room while a
 * publisher updates many metrics. Metrics frames are never queued without bound: a newer value of a metric
 * replaces the one still waiting for that reader (policy {@code conflate}), which the hub reports on its
 * observer stream as {@code dropped {…, policy:"conflate"}}. Counts those, and the reader's queue on the hub.
 */
final class ConflationProbe implements AutoCloseable {

    private static final int NAMES = 100;
    private static final long MAX_MILLIS = 40_000;
    private static final String PAD = "x".repeat(100); // long names: bigger frames fill the TCP buffers sooner

    private final LabContext lab;
    private final RoomAddress room;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-slow-metrics");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AtomicLong conflated = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile String slowId;
    private volatile long peakQueue;
    private volatile long startedAt;
    private volatile boolean done;
    private volatile String failure;

    ConflationProbe(LabContext lab, RoomAddress room) {
        this.lab = lab;
        this.room = room;
    }

    /** Starts the reader, the observer and the publisher; ends by itself after conflation is seen or 40 s. */
    void start() {
        startedAt = System.nanoTime();
        String key = HubClient.key(room);
        HubClient hub = lab.newClient(TransportKind.WEBSOCKET);
        opened.add(hub);
        ObserverConnection observer = lab.hub().observe(frame -> {
            if (frame instanceof ObserverFrame.Dropped d && d.room().equals(key) && "conflate".equals(d.policy())
                    && d.sessionId().equals(slowId)) {
                conflated.addAndGet(d.count());
            }
        }, (state, detail) -> { });
        opened.add(observer);
        try {
            RawWebSocket slow = new RawWebSocket(lab.hub().endpoint().roomSocket(room, "slow-metrics", 0), 8 * 1024);
            opened.add(slow);
            FrameCodec codec = new FrameCodec();
            ServerFrame frame = null;
            while (!(frame instanceof ServerFrame.Snapshot)) { // connected, then the snapshot welcome: then it stops reading
                RawWebSocket.Frame f = slow.read();
                frame = codec.decodeServer(f.text()) instanceof Decoded.Ok<ServerFrame> ok ? ok.frame() : null;
                if (frame instanceof ServerFrame.Connected c) {
                    slowId = c.sessionId();
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage();
            done = true;
            return;
        }
        lab.log("Lab slow-consumer: \"slow-metrics\" joined " + key + " and stopped reading", "A publisher now updates "
                + NAMES + " metrics ten times a second; the hub keeps only the newest waiting value of each for it.");
        RoomConnection publisher = hub.join(room, "publisher", f -> { });
        opened.add(0, publisher);
        timer.scheduleAtFixedRate(() -> publish(publisher), 500, 100, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::watch, 1_000, 500, TimeUnit.MILLISECONDS);
    }

    private void publish(RoomConnection publisher) {
        if (done) {
            return;
        }
        List<MetricSample> points = new ArrayList<>(NAMES);
        long v = published.get() / NAMES;
        for (int i = 0; i < NAMES; i++) {
            points.add(new MetricSample("lab.conflate." + i + "." + PAD, (double) v, null));
        }
        if (publisher.send(new ClientFrame.MetricBatch(points))) {
            published.addAndGet(NAMES);
        }
    }

    private void watch() {
        try {
            for (JsonNode s : lab.hub().admin().sessions(room).get(5, TimeUnit.SECONDS).path("sessions")) {
                if (s.path("sessionId").asText().equals(slowId)) {
                    peakQueue = Math.max(peakQueue, s.path("queuedFrames").asLong());
                }
            }
        } catch (Exception e) {
            // the next read tries again
        }
        if (!done && (conflated.get() > 0 && System.nanoTime() - startedAt > 15_000_000_000L
                || System.nanoTime() - startedAt > MAX_MILLIS * 1_000_000)) {
            done = true;
            lab.log("Lab slow-consumer: " + conflated.get() + " metric updates conflated for \"slow-metrics\"",
                    "observer dropped {policy: conflate}; its queue on the hub peaked at " + peakQueue + " frames (" + NAMES + " metrics)");
        }
    }

    /** Whether it has finished (conflation seen for a while, or the time is up, or it failed). */
    boolean done() {
        return done;
    }

    /** The report row. */
    LabReport.Row row() {
        String cell = failure != null ? "failed: " + failure
                : startedAt == 0 ? "after the chat part"
                : String.format("%,d updates published; slow reader's queue ≤ %,d frames; %,d conflated%s", published.get(), peakQueue,
                        conflated.get(), done ? "" : " so far");
        return new LabReport.Row("metrics conflation", List.of(cell), "A second reader stops reading in a metrics room while "
                + NAMES + " metrics are updated 10 times a second: its queue stays bounded by one waiting value per metric; "
                + "'conflated' counts the observer's dropped {policy: conflate} for it");
    }

    @Override
    public void close() {
        done = true;
        timer.shutdownNow();
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
