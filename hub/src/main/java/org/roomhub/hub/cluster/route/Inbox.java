package org.roomhub.hub.cluster.route;

import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * Messages received from members, handled on one thread in arrival order. Bounded in bytes: when
 * full, {@link #put} waits, holding the JGroups thread that delivers, so the sending member's flow
 * control credits run out and its own (bounded) outbox takes the overflow. A message larger than the
 * bound is still taken when nothing waits.
 */
final class Inbox implements AutoCloseable {

    private record Received(String from, byte[] bytes) {}

    private final long maxBytes;
    private final ArrayDeque<Received> waiting = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    Inbox(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Starts the inbound thread, handing each message to {@code handler}. */
    void start(BiConsumer<String, byte[]> handler) {
        Thread t = new Thread(() -> run(handler), "roomhub-cluster-in");
        t.setDaemon(true);
        t.start();
    }

    /** Called by JGroups: queues the message, waiting while the inbox is full. */
    void put(String from, byte[] message) {
        synchronized (this) {
            try {
                while (!closed && !waiting.isEmpty() && bytes + message.length > maxBytes) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closed) {
                return;
            }
            waiting.add(new Received(from, message));
            bytes += message.length;
            notifyAll();
        }
    }

    private void run(BiConsumer<String, byte[]> handler) {
        while (true) {
            Received r;
            synchronized (this) {
                try {
                    while (waiting.isEmpty() && !closed) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                r = waiting.poll();
                bytes -= r.bytes().length;
                notifyAll();
            }
            handler.accept(r.from(), r.bytes());
        }
    }

    /** Bytes received and not handled yet. */
    synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        closed = true;
        waiting.clear();
        notifyAll();
    }
}
