package org.roomhub.client.lab;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * One live client of a chat room for the crash and failover scenarios: sends numbered messages on
 * request, counts a message as <em>acknowledged</em> when the room broadcast it back (with its seq), and
 * remembers every chat seq it received, so gaps after a reconnect can be counted against the room's own list.
 */
final class ChattingClient implements AutoCloseable {

    private final String name;
    private final TransportKind kind;
    private final RoomAddress room;
    private volatile RoomConnection connection;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
    private final AtomicInteger crossed = new AtomicInteger();
    private static final String VIA = " via ";
    private volatile String via;
    private volatile long resumeFrom = -1;
    private volatile String resumeOutcome = "";
    private final Set<Long> chatSeqs = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refusedWhileDown = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicLong firstSeq = new AtomicLong(-1);
    private volatile long lastConnectedAt;

    /** Joins {@code room} through {@code hub} as {@code name}; the connection reconnects and resumes by itself. */
    ChattingClient(HubClient hub, RoomAddress room, String name) {
        this(hub, room, name, null);
    }

    /** The same, on cluster member {@code via}: its messages say which member they were sent through. */
    ChattingClient(HubClient hub, RoomAddress room, String name, String via) {
        this.via = via;
        this.name = name;
        this.room = room;
        this.kind = hub.transport();
        this.connection = join(hub);
    }

    private RoomConnection join(HubClient hub) {
        return hub.join(room, name, new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                receive(frame);
            }

            @Override
            public void onStateChanged(ConnectionState state, String detail) {
                // connects are counted from `connected` frames: those say the hub took the session
            }
        });
    }

    private void receive(ServerFrame frame) {
        if (frame instanceof ServerFrame.Connected c) {
            firstSeq.compareAndSet(-1, c.seq());
            connects.incrementAndGet();
            lastConnectedAt = System.nanoTime();
            long since = resumeFrom;
            if (since >= 0) {
                resumeFrom = -1; // a moved client asks its new hub for what it missed
                connection.send(new ClientFrame.Resume(since));
            }
        } else if (frame instanceof ServerFrame.Reset r) {
            resumeOutcome = "reset (the new member did not hold seq " + r.asOf() + "'s history)";
        } else if (frame instanceof ServerFrame.ChatMessage m) {
            chatSeqs.add(m.seq());
            String by = via;
            int at = m.text().lastIndexOf(VIA);
            if (by != null && at > 0 && !m.text().substring(at + VIA.length()).equals(by)) {
                crossed.incrementAndGet(); // sent through another member than the one this client is on
            }
            if (m.text().startsWith(name + "#") && acknowledged.putIfAbsent(m.text(), m.seq()) == null) {
                ackedAt.put(m.text(), System.nanoTime());
            }
        }
    }

    /**
     * Leaves the current hub (a member that died) and joins the same room on {@code other}, asking it with
     * {@code resume} for everything after the last seq received. The desktop's own clients will do this by
     * themselves once they accept several hub URLs; the lab does it explicitly.
     */
    void moveTo(HubClient other, String member) {
        via = member;
        RoomConnection old = connection;
        resumeFrom = old.lastSeq();
        resumeOutcome = "resumed from seq " + old.lastSeq();
        old.close();
        connection = join(other);
    }

    /** Leaves the room for good. */
    @Override
    public void close() {
        connection.close();
    }

    /** What the last move's resume got ("" before any move). */
    String resumeOutcome() {
        return resumeOutcome;
    }

    /** When the first of its messages sent after {@code nanos} came back ({@link System#nanoTime()}), or -1. */
    long firstAckSentAfter(long nanos) {
        return ackedAt.entrySet().stream().filter(e -> sentAt.getOrDefault(e.getKey(), Long.MIN_VALUE) > nanos)
                .mapToLong(Map.Entry::getValue).min().orElse(-1);
    }

    /** Chat messages it received that were sent through another cluster member than the one it is on. */
    int crossed() {
        return crossed.get();
    }

    /** Sends the next numbered message; counts it as sent only when the connection took it. */
    void sendNext() {
        String text = name + "#" + (sent.get() + refusedWhileDown.get() + 1) + (via == null ? "" : VIA + via);
        RoomConnection c = connection;
        sentAt.put(text, System.nanoTime());
        if (c.state() == ConnectionState.CONNECTED && c.send(new ClientFrame.ChatMessage(text))) {
            sent.incrementAndGet();
        } else {
            refusedWhileDown.incrementAndGet();
        }
    }

    String name() {
        return name;
    }

    TransportKind kind() {
        return kind;
    }

    RoomConnection connection() {
        return connection;
    }

    /** Messages the connection took. */
    int sent() {
        return sent.get();
    }

    /** Sends skipped because the connection was down at that moment. */
    int refusedWhileDown() {
        return refusedWhileDown.get();
    }

    /** Its own messages the room broadcast back, text → seq. */
    Map<String, Long> acknowledged() {
        return acknowledged;
    }

    /** {@code connected} frames so far (1 + reconnects). */
    int connects() {
        return connects.get();
    }

    /** When the last {@code connected} arrived ({@link System#nanoTime()}). */
    long lastConnectedAt() {
        return lastConnectedAt;
    }

    /** The room's seq when it first joined, or -1 before. */
    long firstSeq() {
        return firstSeq.get();
    }

    /** Whether it received the chat message with {@code seq}. */
    boolean received(long seq) {
        return chatSeqs.contains(seq);
    }
}
