package org.roomhub.hub.cluster.route;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire between members for seam calls. {@link #post} only queues (CPU only, never blocks): each
 * destination member has its own bounded {@link Outbox} and sender thread, because a JGroups send
 * blocks on flow control while that member does not read, and neither a room's serial queue nor the
 * traffic to the other members may wait for it. One thread per destination keeps order (FIFO per
 * destination, as JGroups keeps it per sender). Received messages wait in a bounded {@link Inbox} and
 * are handled on one inbound thread in arrival order; a full inbox holds the JGroups receive thread,
 * which is the backpressure JGroups passes on to the sending member (its credits run out).
 */
final class Link implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);

    /** Bounds of live traffic waiting for one member: 16 MiB or 50 000 messages. */
    static final long OUTBOX_BYTES = 16L * 1024 * 1024;
    static final int OUTBOX_MESSAGES = 50_000;
    /** Bytes received and not yet handled before the JGroups receive thread is held. */
    static final long INBOX_BYTES = 16L * 1024 * 1024;

    private final RouteCodec codec;
    private final int maxMessages;
    private final long maxBytes;
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final Inbox in;
    private volatile ClusterNode node;
    private volatile BiConsumer<String, ClientMessage> undelivered = (to, m) -> {};

    Link(RouteCodec codec) {
        this(codec, OUTBOX_MESSAGES, OUTBOX_BYTES, INBOX_BYTES);
    }

    /** A link with other bounds (tests make them small). */
    Link(RouteCodec codec, int maxMessages, long maxBytes, long inboxBytes) {
        this.codec = codec;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.in = new Inbox(inboxBytes);
    }

    /** Starts receiving from {@code node}; messages go to {@code handler} on the inbound thread. */
    void attach(ClusterNode node, BiConsumer<String, RouteMessage> handler) {
        this.node = node;
        in.start((from, bytes) -> {
            try {
                handler.accept(from, codec.decode(bytes));
            } catch (RuntimeException e) {
                LOG.warn("Cluster message from {} failed", from, e);
            }
        });
        node.onMessage(in::put);
    }

    /**
     * Told (member, frame) for a client frame still queued for a member that left the view: it was not
     * sent, so the edge keeps it for the session's re-open (before, it was dropped with the member).
     */
    void onUndelivered(BiConsumer<String, ClientMessage> handler) {
        this.undelivered = handler;
    }

    /** Queues {@code message} for member {@code to}; returns at once with what the outbox did. */
    Outbox.Result post(String to, RouteMessage message) {
        return outboxes.computeIfAbsent(to, this::open).offer(message);
    }

    /** A session left or moved: an outbox that cut it off may carry frames for that id again. */
    void forget(String sessionId) {
        outboxes.values().forEach(o -> o.forget(sessionId));
    }

    /** Figures of each destination's outbox, by member id. */
    Map<String, Outbox.Figures> figures() {
        Map<String, Outbox.Figures> out = new TreeMap<>();
        outboxes.forEach((id, o) -> out.put(id, o.figures()));
        return out;
    }

    private Outbox open(String to) {
        Outbox box = new Outbox(maxMessages, maxBytes);
        Thread t = new Thread(() -> drain(to, box), "roomhub-cluster-out-" + to);
        t.setDaemon(true);
        t.start();
        return box;
    }

    private void drain(String to, Outbox box) {
        try {
            for (RouteMessage m = box.take(); m != null; m = box.take()) {
                ClusterNode n = node;
                boolean sent = false;
                try {
                    // Encoded here, not on the room's queue: the bytes live only while JGroups sends them.
                    sent = n != null && n.send(to, codec.encode(m));
                } catch (RuntimeException e) {
                    LOG.warn("Cannot send to member {}", to, e);
                }
                if (!sent && m instanceof RouteMessage.Deliver d) {
                    undelivered.accept(to, d.message());
                } else if (!sent) {
                    LOG.debug("member {} is not in the view: {} dropped", to, m.getClass().getSimpleName());
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        outboxes.values().forEach(Outbox::close);
        in.close();
    }
}
