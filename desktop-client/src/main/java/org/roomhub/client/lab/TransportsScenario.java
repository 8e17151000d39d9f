package org.roomhub.client.lab;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Three clients, one per transport, in one chat room, each behind its own byte counter. They take
 * turns sending (each stays under the chat limit of 60 a minute); every client times every message
 * from the sender's clock (one JVM, so one clock) to its own arrival.
 */
final class TransportsScenario extends ScenarioBase {

    static final int MESSAGES = 120;
    /** Messages every client must have received before the figures are worth reading. */
    static final int SETTLED_AFTER = 30;
    private static final long TURN_MILLIS = 400;
    private static final String TAG = "lab-race ";

    private final Map<TransportKind, Racer> racers = new EnumMap<>(TransportKind.class);
    private final RoomAddress room;
    private volatile long raceStartNanos;
    private volatile long raceEndNanos;
    private volatile int sent;

    /** One transport's client and what was measured for it. */
    private static final class Racer {
        final TransportKind kind;
        final CountingProxy proxy;
        final Latencies latencies = new Latencies();
        final AtomicLong received = new AtomicLong();
        volatile RoomConnection connection;
        volatile long baseBytes;
        volatile long baseRequests;

        Racer(TransportKind kind, CountingProxy proxy) {
            this.kind = kind;
            this.proxy = proxy;
        }

        long bytes() {
            return proxy.bytesUp() + proxy.bytesDown() - baseBytes;
        }
    }

    TransportsScenario(LabContext lab) {
        super(lab);
        this.room = ownRoom("chat", "lab-transports");
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.TRANSPORTS;
    }

    @Override
    public void start() {
        for (TransportKind kind : List.of(TransportKind.WEBSOCKET, TransportKind.SSE, TransportKind.POLLING)) {
            CountingProxy proxy = keep(CountingProxy.start(lab.hub().endpoint().baseUrl()));
            Racer racer = new Racer(kind, proxy);
            racers.put(kind, racer);
            HubClient client = keep(lab.newClientThrough(proxy, kind));
            racer.connection = keep(client.join(room, label(kind) + "-racer", kind, listenerOf(racer)));
        }
        lab.log("Lab transports: a websocket, an sse and a polling client join " + HubClient.key(room),
                "Each reaches the hub through its own loopback byte counter, so HTTP headers and framing are counted too.");
        every(TURN_MILLIS, this::turn);
    }

    private RoomListener listenerOf(Racer racer) {
        return new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                if (frame instanceof ServerFrame.ChatMessage m && m.text().startsWith(TAG)) {
                    long sentAt = Long.parseLong(m.text().substring(TAG.length(), m.text().indexOf(' ', TAG.length())));
                    racer.latencies.add((System.nanoTime() - sentAt) / 1e6);
                    racer.received.incrementAndGet();
                }
            }
        };
    }

    private void turn() {
        if (sent >= MESSAGES) {
            if (raceEndNanos == 0) {
                raceEndNanos = System.nanoTime();
                lab.log("Lab transports: race over, " + sent + " messages", summary());
            }
            return;
        }
        if (raceStartNanos == 0) {
            if (racers.values().stream().anyMatch(r -> r.connection.state() != ConnectionState.CONNECTED)) {
                return;
            }
            // Count from here: the joins (handshakes, history) are not part of a message's cost.
            racers.values().forEach(r -> {
                r.baseBytes = r.proxy.bytesUp() + r.proxy.bytesDown();
                r.baseRequests = r.proxy.requests();
            });
            raceStartNanos = System.nanoTime();
            lab.log("Lab transports: all three connected, the race starts", "One message every " + TURN_MILLIS + " ms, senders in turn.");
        }
        Racer sender = new ArrayList<>(racers.values()).get(sent % racers.size());
        if (sender.connection.send(new ClientFrame.ChatMessage(TAG + System.nanoTime() + " #" + (sent + 1) + " from " + label(sender.kind)))) {
            sent++;
        }
    }

    @Override
    public LabReport report() {
        List<String> columns = List.of("", "WebSocket", "SSE", "Polling");
        if (raceStartNanos == 0) {
            return new LabReport("Waiting for the three clients to connect…", columns, rows(0), "", List.of(), List.of(), false);
        }
        long end = raceEndNanos == 0 ? System.nanoTime() : raceEndNanos;
        double minutes = Math.max(1e-9, (end - raceStartNanos) / 60e9);
        String headline = (raceEndNanos == 0 ? "Racing: " : "Race over: ") + sent + " of " + MESSAGES + " messages sent in "
                + String.format("%.0f s", minutes * 60);
        List<LabReport.Series> chart = new ArrayList<>();
        racers.forEach((k, r) -> chart.add(new LabReport.Series(columnOf(k), r.latencies.recent())));
        boolean settled = racers.values().stream().allMatch(r -> r.received.get() >= SETTLED_AFTER);
        return new LabReport(headline, columns, rows(minutes), "Latency per message (ms)", chart, notes(), settled);
    }

    private List<LabReport.Row> rows(double minutes) {
        List<LabReport.Row> rows = new ArrayList<>();
        rows.add(row("latency p50", r -> Latencies.millis(r.latencies.percentile(50)), "Half the messages arrived faster than this"));
        rows.add(row("latency p99", r -> Latencies.millis(r.latencies.percentile(99)), "99 in 100 messages arrived faster than this"));
        rows.add(row("messages received", r -> Long.toString(r.received.get()), "Chat messages of the race that reached this client"));
        rows.add(row("bytes per message", r -> perMessage(bytesPerMessage(r)),
                "Bytes both ways through this client's counter since the race began (headers, framing, its own sends and "
                        + "polls included), divided by the messages it received"));
        rows.add(row("requests per minute", r -> minutes <= 0 ? "–" : String.format("%.0f", (r.proxy.requests() - r.baseRequests) / minutes),
                "HTTP requests this client made during the race (a WebSocket makes one, its upgrade, before)"));
        rows.add(row("open connections", r -> Integer.toString(r.proxy.openConnections()), "TCP connections this client holds open to the hub now"));
        return rows;
    }

    private double bytesPerMessage(Racer r) {
        long received = r.received.get();
        return received == 0 ? Double.NaN : (double) r.bytes() / received;
    }

    private List<String> notes() {
        Racer ws = racers.get(TransportKind.WEBSOCKET);
        Racer poll = racers.get(TransportKind.POLLING);
        Racer sse = racers.get(TransportKind.SSE);
        double w = bytesPerMessage(ws);
        if (Double.isNaN(w) || Double.isNaN(bytesPerMessage(poll)) || Double.isNaN(bytesPerMessage(sse))) {
            return List.of();
        }
        return List.of(String.format("Per message, polling put %.1f× and SSE %.1f× the bytes of WebSocket on the wire: "
                + "every poll answer and every SSE send is a whole HTTP exchange with headers, a WebSocket frame adds 2–14 bytes.",
                bytesPerMessage(poll) / w, bytesPerMessage(sse) / w));
    }

    private String summary() {
        StringBuilder out = new StringBuilder();
        racers.forEach((k, r) -> out.append(columnOf(k)).append(": p50 ").append(Latencies.millis(r.latencies.percentile(50)))
                .append(", ").append(perMessage(bytesPerMessage(r))).append("/message; "));
        return out.toString();
    }

    private LabReport.Row row(String label, java.util.function.Function<Racer, String> cell, String hint) {
        List<String> cells = new ArrayList<>();
        for (TransportKind k : List.of(TransportKind.WEBSOCKET, TransportKind.SSE, TransportKind.POLLING)) {
            Racer r = racers.get(k);
            cells.add(r == null ? "–" : cell.apply(r));
        }
        return new LabReport.Row(label, cells, hint);
    }

    private static String columnOf(TransportKind kind) {
        return switch (kind) {
            case WEBSOCKET -> "WebSocket";
            case SSE -> "SSE";
            case POLLING -> "Polling";
        };
    }

    private static String label(TransportKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
