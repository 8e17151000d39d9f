package org.roomhub.client.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A chat client stops reading (a {@link RawWebSocket} with an 8 KB receive buffer) while senders fill
 * the room with large messages. Its outbound queue on the hub grows (read from the sessions endpoint)
 * until the hub closes it with 1013; it then reads what TCP still held, reconnects with {@code since}
 * and counts the seqs it got back against the room's. A fast client meanwhile times every message.
 * Chat frames are never dropped, so the queue must pass the hub's bound (8 MiB by default): each
 * message is 4,000 three-byte characters (~12 KB), sent by fresh senders (60 a minute each) until the close.
 */
final class SlowConsumerScenario extends ScenarioBase {

    private static final int PER_SENDER = 55;
    private static final long BASELINE_MILLIS = 6_000;
    private static final int MAX_SENDERS = 20;
    private static final String PADDING = "€".repeat(3_960);

    private final RoomAddress room;
    private final FrameCodec codec = new FrameCodec();
    private final Latencies fast = new Latencies();
    private final Latencies pacedBefore = new Latencies();
    private final Latencies pacedDuring = new Latencies();
    private volatile boolean flooding;
    private final ConflationProbe conflation;
    private final List<Double> queued = new CopyOnWriteArrayList<>();
    private final AtomicInteger sendersStarted = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile long roomSeq;
    private volatile String slowId;
    private volatile boolean slowSeen;
    private volatile boolean slowGone;
    private volatile long peakFrames;
    private volatile long peakBytes;
    private volatile long since;
    private volatile int drained;
    private volatile int closeCode;
    private volatile String closeReason = "";
    private volatile long resumeTarget;
    private volatile int replayed = -1;
    private volatile long missed = -1;
    private volatile boolean reset;
    private volatile String failure;

    SlowConsumerScenario(LabContext lab) {
        super(lab);
        this.room = ownRoom("chat", "lab-slow");
        this.conflation = keep(new ConflationProbe(lab, ownRoom("metrics", "lab-slow-metrics")));
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.SLOW_CONSUMER;
    }

    @Override
    public void start() {
        HubClient client = client(TransportKind.WEBSOCKET);
        keep(client.join(room, "fast", frame -> {
            if (frame instanceof ServerFrame.Broadcast b) {
                roomSeq = Math.max(roomSeq, b.seq());
            }
            if (frame instanceof ServerFrame.ChatMessage m && m.text().startsWith("t=")) {
                long t0 = Long.parseLong(m.text().substring(2, m.text().indexOf(';')));
                fast.add((System.nanoTime() - t0) / 1e6);
            } else if (frame instanceof ServerFrame.ChatMessage m && m.text().startsWith("p=")) {
                double millis = (System.nanoTime() - Long.parseLong(m.text().substring(2, m.text().indexOf(';')))) / 1e6;
                if (!flooding) {
                    pacedBefore.add(millis);
                } else if (!slowGone) {
                    pacedDuring.add(millis); // while the slow client's queue grows on the hub
                }
            }
        }));
        // A paced sender: one small message every 1.2 s (under chat's 60 a minute), timed at the fast client before
        // the flood and while the slow client is stalled.
        RoomConnection pacer = keep(client.join(room, "pacer", frame -> { }));
        every(1_200, () -> {
            if (!slowGone) { // it stops with the stall: the resume waits for a quiet room (see resume())
                pacer.send(new ClientFrame.ChatMessage("p=" + System.nanoTime() + "; paced"));
            }
        });
        Thread reader = new Thread(this::slowReader, "lab-slow-reader");
        reader.setDaemon(true);
        reader.start();
        every(250, this::watchQueue);
    }

    /** The slow client: joins, reads its welcome, stops reading until the hub lets it go, then drains and resumes. */
    private void slowReader() {
        try (RawWebSocket slow = keep(new RawWebSocket(lab.hub().endpoint().roomSocket(room, "slow", 0), 8 * 1024))) {
            ServerFrame welcome;
            do {
                welcome = decode(slow.read()); // connected, history, presence: then it stops reading
            } while (!(welcome instanceof ServerFrame.PresenceWelcome));
            lab.log("Lab slow-consumer: client \"slow\" joined " + HubClient.key(room) + " and stopped reading",
                    "Its socket's receive buffer is 8 KB; the hub's writes to it stall and its outbound queue grows.");
            after(BASELINE_MILLIS, () -> {
                flooding = true; // the paced sender's baseline is taken: the flood starts
                every(600, this::nextSender);
            });
            while (!slowGone && !closed()) {
                Thread.sleep(100); // waits for the watcher to see the hub close it (never on the FX thread)
            }
            RawWebSocket.Frame f;
            while (!(f = slow.read()).close()) {
                decode(f);
                drained++;
            }
            closeCode = f.code();
            closeReason = f.text();
            lab.log("Lab slow-consumer: the hub closed \"slow\" with " + closeCode, closeReason + " — it read "
                    + drained + " frames TCP still held, last seq " + since);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (!closed()) {
                failure = e.toString();
            }
            return;
        }
        resume();
        if (!closed()) {
            conflation.start(); // the metrics half, once the chat half is done: the two floods would slow each other
        }
    }

    private void resume() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        long seen = -1;
        while ((sent.get() < sendersStarted.get() * PER_SENDER || seen != roomSeq) && System.nanoTime() < deadline) {
            seen = roomSeq;
            sleep(1_500); // until the flood is over and the fast client saw its last frame: the resume then covers it all
        }
        long from = since;
        Set<Long> got = ConcurrentHashMap.newKeySet();
        try (RawWebSocket again = keep(new RawWebSocket(lab.hub().endpoint().roomSocket(room, "slow", from), 64 * 1024))) {
            resumeTarget = roomSeq;
            while (!closed() && !reset && System.nanoTime() < deadline && !got.containsAll(range(from, resumeTarget))) {
                ServerFrame frame = parse(again.read());
                if (frame instanceof ServerFrame.Reset) {
                    reset = true;
                } else if (frame instanceof ServerFrame.Broadcast b && b.seq() > from) {
                    got.add(b.seq());
                }
            }
            replayed = got.size();
            missed = range(from, resumeTarget).stream().filter(s -> !got.contains(s)).count();
            lab.log("Lab slow-consumer: \"slow\" resumed from seq " + from + ": " + replayed + " frames back, " + missed + " missed",
                    reset ? "The hub no longer held them all: it sent reset." : "Every broadcast up to seq " + resumeTarget + " arrived.");
        } catch (IOException | RuntimeException e) {
            failure = "resume: " + e;
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from + 1; s <= to; s++) {
            out.add(s);
        }
        return out;
    }

    /** Decodes a frame of the first connection and keeps its last seq. */
    private ServerFrame decode(RawWebSocket.Frame f) {
        ServerFrame frame = parse(f);
        if (frame instanceof ServerFrame.Connected c) {
            slowId = slowId == null ? c.sessionId() : slowId;
            since = Math.max(since, c.seq());
        } else if (frame instanceof ServerFrame.Broadcast b) {
            since = Math.max(since, b.seq());
        }
        return frame;
    }

    private ServerFrame parse(RawWebSocket.Frame f) {
        if (f.close()) {
            throw new IllegalStateException("closed with " + f.code() + " " + f.text());
        }
        if (codec.decodeServer(f.text()) instanceof Decoded.Ok<ServerFrame> ok) {
            return ok.frame();
        }
        return null;
    }

    /** Adds one sender (a fresh user, so a fresh budget) that sends its budget of large messages, until the close. */
    private void nextSender() {
        if (slowGone || sendersStarted.get() >= MAX_SENDERS) {
            return;
        }
        int n = sendersStarted.incrementAndGet();
        HubClient client = lab.newClient(TransportKind.WEBSOCKET);
        keep(client);
        RoomConnection[] self = new RoomConnection[1];
        AtomicInteger echoes = new AtomicInteger();
        RoomListener listener = frame -> {
            if (frame instanceof ServerFrame.ChatMessage m && self[0] != null && m.sessionId().equals(self[0].sessionId())
                    && echoes.incrementAndGet() == PER_SENDER) {
                self[0].close(); // its messages are all broadcast: it need not read the rest
            }
        };
        self[0] = keep(client.join(room, "sender-" + n, listener));
        Thread sender = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (self[0].state() != ConnectionState.CONNECTED && System.nanoTime() < deadline) {
                sleep(20);
            }
            for (int i = 0; i < PER_SENDER && !closed(); i++) {
                if (self[0].send(new ClientFrame.ChatMessage("t=" + System.nanoTime() + ";" + PADDING))) {
                    sent.incrementAndGet();
                }
            }
        }, "lab-slow-sender-" + n);
        sender.setDaemon(true);
        sender.start();
    }

    /** Reads the slow session's queue from the hub's sessions endpoint. */
    private void watchQueue() {
        if (slowId == null || slowGone) {
            return;
        }
        JsonNode sessions;
        try {
            sessions = lab.hub().admin().sessions(room).get(5, TimeUnit.SECONDS).path("sessions");
        } catch (Exception e) {
            return;
        }
        for (JsonNode s : sessions) {
            if (slowId.equals(s.path("sessionId").asText())) {
                slowSeen = true;
                long frames = s.path("queuedFrames").asLong();
                peakFrames = Math.max(peakFrames, frames);
                peakBytes = Math.max(peakBytes, s.path("queuedBytes").asLong());
                queued.add((double) frames);
                return;
            }
        }
        if (slowSeen) {
            slowGone = true;
            queued.add(0.0);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public LabReport report() {
        boolean done = missed >= 0;
        List<LabReport.Row> rows = List.of(
                new LabReport.Row("senders / messages sent", List.of(sendersStarted.get() + " / " + sent.get()),
                        "Fresh sender connections (60 messages a minute each), each message ~12 KB"),
                new LabReport.Row("queue, highest seen", List.of(peakFrames + " frames, " + String.format("%.1f MB", peakBytes / 1e6)),
                        "queuedFrames / queuedBytes from GET /api/rooms/chat/lab-slow/sessions, read every 0.25 s; the last one before the close may be lower than the bound"),
                new LabReport.Row("closed with", List.of(closeCode == 0 ? "–" : closeCode + " " + closeReason),
                        "The close frame the slow client read after the frames TCP still held"),
                new LabReport.Row("read after the close", List.of(closeCode == 0 ? "–" : drained + " frames"),
                        "Frames already in TCP buffers when the hub gave up on the client"),
                new LabReport.Row("resume", List.of(replayed < 0 ? "–" : "since " + since + ": " + replayed + " frames to seq " + resumeTarget),
                        "Reconnected with ?since= the last seq it read; counted every broadcast seq up to the room's latest"),
                new LabReport.Row("frames missed", List.of(missed < 0 ? "–" : reset ? "reset (" + missed + ")" : Long.toString(missed)),
                        "Seqs between its last read and the room's latest that did not come back"),
                new LabReport.Row("fast client p50 / p99", List.of(Latencies.millis(fast.percentile(50)) + " / "
                        + Latencies.millis(fast.percentile(99)) + " (" + fast.count() + " msgs)"),
                        "Send to arrival at a client that keeps reading, in the same room at the same time"),
                new LabReport.Row("paced p50 / p99 before", List.of(Latencies.millis(pacedBefore.percentile(50)) + " / "
                        + Latencies.millis(pacedBefore.percentile(99)) + " (" + pacedBefore.count() + " msgs)"),
                        "A small message every 1.2 s, timed at the fast client, before the flood and the stall"),
                new LabReport.Row("paced p50 / p99 during", List.of(Latencies.millis(pacedDuring.percentile(50)) + " / "
                        + Latencies.millis(pacedDuring.percentile(99)) + " (" + pacedDuring.count() + " msgs)"),
                        "The same while the slow client is stalled and the flood runs; the room also writes every 12 KB flood "
                                + "message durably, so a rise here is the flood's own work queued ahead, not the stalled reader"),
                conflation.row());
        String headline = failure != null ? "Stopped: " + failure
                : slowId == null ? "The slow client is joining…"
                : closeCode == 0 ? "\"slow\" stopped reading; its queue on the hub: " + (queued.isEmpty() ? 0 : queued.get(queued.size() - 1).intValue()) + " frames"
                : !done ? "Closed with " + closeCode + "; resuming…"
                : "Closed with " + closeCode + " at " + peakFrames + " queued frames, resumed with " + missed + " missed";
        List<String> notes = done ? List.of("A chat frame is never dropped: the hub closes a client it cannot keep up with (1013, try again later) "
                + "and the client resumes from the last seq it read. The fast client's latency is what it measured during the flood.") : List.of();
        return new LabReport(headline, List.of("", "slow client"), rows, "slow client's queue on the hub (frames)",
                List.of(new LabReport.Series("queued frames", queued)), notes, (done && conflation.done()) || failure != null);
    }
}
