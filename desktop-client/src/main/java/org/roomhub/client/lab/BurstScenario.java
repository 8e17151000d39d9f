package org.roomhub.client.lab;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * One WebSocket client sends {@value #BURST} chat messages back to back. The hub's token bucket lets a
 * chat connection send 60 a minute: what fits is broadcast (the sender gets its own copy back), the rest
 * is answered with {@code RATE_LIMIT}; then a ping checks the connection is still there.
 */
final class BurstScenario extends ScenarioBase {

    static final int BURST = 150;
    private static final String TAG = "lab-burst #";

    private final RoomAddress room;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger limited = new AtomicInteger();
    private final AtomicInteger otherErrors = new AtomicInteger();
    private volatile RoomConnection burster;
    private volatile int sent;
    private volatile long burstNanos;
    private volatile long pingSentNanos;
    private volatile long pongMillis = -1;
    private volatile boolean burstDone;

    BurstScenario(LabContext lab) {
        super(lab);
        this.room = ownRoom("chat", "lab-burst");
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.BURST;
    }

    @Override
    public void start() {
        HubClient client = client(TransportKind.WEBSOCKET);
        burster = keep(client.join(room, "burster", new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                if (frame instanceof ServerFrame.ChatMessage m && m.text().startsWith(TAG)) {
                    accepted.incrementAndGet();
                } else if (frame instanceof ServerFrame.Error e) {
                    (e.code() == ErrorCode.RATE_LIMIT ? limited : otherErrors).incrementAndGet();
                } else if (frame instanceof ServerFrame.Pong && pingSentNanos != 0 && pongMillis < 0) {
                    pongMillis = (System.nanoTime() - pingSentNanos) / 1_000_000;
                    lab.log("Lab burst: the connection is still open — a ping after the burst got its pong in " + pongMillis + " ms",
                            accepted.get() + " accepted, " + limited.get() + " refused with RATE_LIMIT");
                }
            }
        }));
        lab.log("Lab burst: client \"burster\" joins " + HubClient.key(room), "It will send " + BURST + " chat messages back to back.");
        every(100, this::step);
    }

    private void step() {
        if (!burstDone) {
            if (burster.state() != ConnectionState.CONNECTED) {
                return;
            }
            long t0 = System.nanoTime();
            for (int i = 1; i <= BURST; i++) {
                if (burster.send(new ClientFrame.ChatMessage(TAG + i))) {
                    sent = i;
                }
            }
            burstNanos = System.nanoTime() - t0;
            burstDone = true;
            lab.log("Lab burst: " + sent + " chat messages sent in " + burstNanos / 1_000_000 + " ms",
                    "A chat connection may send 60 a minute (a token bucket); watch the RATE_LIMIT answers arrive.");
        } else if (pingSentNanos == 0 && accepted.get() + limited.get() + otherErrors.get() >= sent) {
            pingSentNanos = System.nanoTime();
            burster.send(new ClientFrame.Ping(null, null));
        }
    }

    @Override
    public LabReport report() {
        boolean open = burster != null && burster.state() == ConnectionState.CONNECTED;
        List<LabReport.Row> rows = List.of(
                new LabReport.Row("messages sent", List.of(Integer.toString(sent)), "Chat messages the burster sent back to back"),
                new LabReport.Row("accepted and broadcast", List.of(Integer.toString(accepted.get())),
                        "Messages the room broadcast (the sender gets its own copy): what the budget allowed"),
                new LabReport.Row("refused with RATE_LIMIT", List.of(Integer.toString(limited.get())),
                        "error {code: RATE_LIMIT} frames: the hub refused the message, nothing stored"),
                new LabReport.Row("other errors", List.of(Integer.toString(otherErrors.get())), "Any other error frame"),
                new LabReport.Row("connection now", List.of(open ? "open" : "closed"), "A rate limit never closes the connection"),
                new LabReport.Row("ping after the burst", List.of(pongMillis < 0 ? "–" : "pong in " + pongMillis + " ms"),
                        "Sent once every answer to the burst arrived"));
        String headline = !burstDone ? "Waiting for the burster to connect…"
                : pongMillis < 0 ? "Burst sent; counting the answers…"
                : accepted.get() + " accepted, " + limited.get() + " refused with RATE_LIMIT — and the connection stayed open";
        List<String> notes = pongMillis < 0 ? List.of() : List.of("The budget is a token bucket: a burst drains it at once, then it refills "
                + "at one message a second. The refused messages were not stored: a client that sees RATE_LIMIT waits and sends them again.");
        return new LabReport(headline, List.of("", "burster"), rows, "", List.of(), notes, pongMillis >= 0);
    }
}
