package org.roomhub.hub.cluster.route;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.roomhub.hub.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire between members for seam calls. {@link #post} encodes on the caller (CPU only) and hands
 * the bytes to one sender thread, because a JGroups send may block on flow control and a room's
 * serial queue must never wait on the network; one thread keeps every sender's order (FIFO per
 * destination, as JGroups keeps it per sender). Received messages are handled on one inbound
 * thread, in arrival order, so the JGroups receive thread is not held by an epoch activation.
 */
final class Link implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);

    private final RouteCodec codec;
    private final ExecutorService out = single("roomhub-cluster-out");
    private final ExecutorService in = single("roomhub-cluster-in");
    /** Messages posted and not yet handed to JGroups: the closest thing to a cross-member backlog. */
    private final AtomicLong waiting = new AtomicLong();
    private volatile ClusterNode node;

    Link(RouteCodec codec) {
        this.codec = codec;
    }

    /** Starts receiving from {@code node}; messages go to {@code handler} on the inbound thread. */
    void attach(ClusterNode node, BiConsumer<String, RouteMessage> handler) {
        this.node = node;
        node.onMessage((from, bytes) -> {
            try {
                in.execute(() -> {
                    try {
                        handler.accept(from, codec.decode(bytes));
                    } catch (RuntimeException e) {
                        LOG.warn("Cluster message from {} failed", from, e);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                // the hub is stopping
            }
        });
    }

    /** Queues {@code message} for member {@code to}; returns at once. */
    void post(String to, RouteMessage message) {
        byte[] bytes = codec.encode(message);
        waiting.incrementAndGet();
        try {
            out.execute(() -> {
                waiting.decrementAndGet();
                ClusterNode n = node;
                try {
                    if (n == null || !n.send(to, bytes)) {
                        LOG.debug("member {} is not in the view: {} dropped", to, message.getClass().getSimpleName());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Cannot send to member {}", to, e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            waiting.decrementAndGet();
        }
    }

    /** Messages queued for other members and not yet sent. */
    long waiting() {
        return waiting.get();
    }

    @Override
    public void close() {
        out.shutdown();
        in.shutdown();
        try {
            out.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
