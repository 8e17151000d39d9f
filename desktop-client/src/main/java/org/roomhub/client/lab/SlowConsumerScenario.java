package org.roomhub.client.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A chat client stops reading (a {@link RawWebSocket} with an 8 KB receive buffer) while a {@link PacedStream}
 * of ~12 KB messages runs in its room. A fast client times every message of the stream, first while "slow"
 * still reads, then while it is stalled: the same traffic and the same readers, so the two windows differ only
 * by the stall. Its outbound queue on the hub (read from the sessions endpoint) grows until the hub closes it
 * with 1013; it then reads what TCP still held, reconnects with {@code since} and counts the seqs it got back
 * against the room's. Chat frames are never dropped, so the queue must pass the hub's bound (8 MiB by default).
 */
final class SlowConsumerScenario extends ScenarioBase {

    private static final long BASELINE_MILLIS = 8_000;

    private final RoomAddress room;
    private final FrameCodec codec = new FrameCodec();
    private final Latencies before = new Latencies();
    private final Latencies during = new Latencies();
    private final PacedStream stream = keep(new PacedStream());
    private final ConflationProbe conflation;
    private final List<Double> queued = new CopyOnWriteArrayList<>();
    private volatile boolean stallAsked;
    private volatile boolean stalled;
    private volatile long streamAt;
    private volatile long stalledAt;
    private volatile long goneAt;
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
        keep(client(TransportKind.WEBSOCKET).join(room, "fast", frame -> {
            if (frame instanceof ServerFrame.Broadcast b) {
                roomSeq = Math.max(roomSeq, b.seq());
            }
            if (frame instanceof ServerFrame.ChatMessage m && m.text().startsWith("p=")) {
                stream.seen();
                long sentAt = Long.parseLong(m.text().substring(2, m.text().indexOf(';')));
                double millis = (System.nanoTime() - sentAt) / 1e6;
                // by when it was sent: a message sent before the stall and arriving after it is still "before"
                if (stalledAt == 0 || sentAt < stalledAt) {
                    before.add(millis);
                } else if (goneAt == 0 || sentAt < goneAt) {
                    during.add(millis); // "slow" stalled, its queue on the hub growing
                }
            }
        }));
        Thread reader = new Thread(this::slowReader, "lab-slow-reader");
        reader.setDaemon(true);
        reader.start();
        every(250, this::watchQueue);
    }

    /** The slow client: joins and reads with the others, stops reading until the hub lets it go, then drains and resumes. */
    private void slowReader() {
        try (RawWebSocket slow = keep(new RawWebSocket(lab.hub().endpoint().roomSocket(room, "slow", 0), 8 * 1024))) {
            stream.open(i -> lab.hub().endpoint().roomSocket(room, "sender-" + i, 0));
            streamAt = System.nanoTime();
            stream.start();
            lab.log("Lab slow-consumer: " + PacedStream.describe() + " into " + HubClient.key(room)
                    + "; \"fast\" and \"slow\" read and time them", "The same traffic before and during the stall.");
            after(BASELINE_MILLIS, () -> stallAsked = true);
            while (!stallAsked && !closed()) {
                decode(slow.read()); // reads like everyone else: the baseline window
            }
            stalledAt = System.nanoTime();
            stalled = true;
            lab.log("Lab slow-consumer: client \"slow\" stopped reading",
                    "Its socket's receive buffer is 8 KB; the hub's writes to it stall and its outbound queue grows.");
            long nextPing = 0;
            while (!slowGone && !closed()) {
                if (System.nanoTime() > nextPing) {
                    // Stalled, not dead: it still sends (a ping every 10 s), so the hub's heartbeat (no byte from the
                    // client for 60 s → 1001) does not close it before its queue overflows.
                    slow.send("{\"type\":\"ping\",\"id\":\"alive\",\"clientTime\":" + System.currentTimeMillis() + "}");
                    nextPing = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                }
                if (!stream.sending()) {
                    failure = stream.failure() != null ? stream.failure()
                            : "the hub did not close \"slow\" within " + PacedStream.MAX_SECONDS + " s of the stream";
                    return;
                }
                Thread.sleep(100); // waits for the watcher to see the hub close it (never on the FX thread)
            }
            stream.stop(); // the stall is over: a quiet room for the resume's count
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
        while (seen != roomSeq && System.nanoTime() < deadline) {
            seen = roomSeq;
            sleep(1_500); // until the fast client saw the stream's last frame: the resume then covers it all
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
            goneAt = System.nanoTime();
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
                new LabReport.Row("paced stream", List.of(PacedStream.describe() + "; " + stream.sent() + " sent"),
                        "The only traffic in the room: steady, so no backlog of durable writes sits ahead of a message"),
                new LabReport.Row("others' p50 / p99 before", List.of(latency(before, streamAt, stalledAt)),
                        "The fast client, messages sent while every reader reads: send time (in the message) to arrival, same clock; and how many a second"),
                new LabReport.Row("others' p50 / p99 during", List.of(latency(during, stalledAt, goneAt)),
                        "The same stream and readers, messages sent while \"slow\" is stalled, until the hub closes it"),
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
                conflation.row());
        String headline = failure != null ? "Stopped: " + failure
                : slowId == null ? "The slow client is joining…"
                : !stalled ? "Every client reads: the others' latency before the stall, " + latency(before, streamAt, 0)
                : closeCode == 0 ? "\"slow\" stopped reading; its queue on the hub: " + (queued.isEmpty() ? 0 : queued.get(queued.size() - 1).intValue()) + " frames"
                : !done ? "Closed with " + closeCode + "; resuming…"
                : "Closed with " + closeCode + " at " + peakFrames + " queued frames, resumed with " + missed + " missed; others' p50 "
                        + Latencies.millis(before.percentile(50)) + " before, " + Latencies.millis(during.percentile(50)) + " during";
        List<String> notes = done ? List.of("Before and during carry the same traffic (" + PacedStream.describe()
                + ", each written durably by the room) and the same readers; only \"slow\" stops reading. The hub keeps a "
                + "bounded queue per client and never waits on one socket: the fast client's p50 went from "
                + Latencies.millis(before.percentile(50)) + " to " + Latencies.millis(during.percentile(50)) + ", its p99 from "
                + Latencies.millis(before.percentile(99)) + " to " + Latencies.millis(during.percentile(99)) + ".",
                "What \"slow\" cannot take piles up in its own queue until the hub closes it with 1013 (try again later); "
                        + "a chat frame is never dropped, so it resumes from the last seq it read and gets every one back.") : List.of();
        return new LabReport(headline, List.of("", "measured"), rows, "slow client's queue on the hub (frames)",
                List.of(new LabReport.Series("queued frames", queued)), notes, (done && conflation.done()) || failure != null);
    }

    /** p50 / p99 (messages, messages a second over the window from {@code from} to {@code to}, or to now). */
    private static String latency(Latencies l, long from, long to) {
        double seconds = from == 0 ? 0 : ((to == 0 ? System.nanoTime() : to) - from) / 1e9;
        return Latencies.millis(l.percentile(50)) + " / " + Latencies.millis(l.percentile(99)) + " (" + l.count() + " msgs"
                + (seconds >= 1 ? String.format(", %.0f/s", l.count() / seconds) : "") + ")";
    }
}
