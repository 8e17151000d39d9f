package org.roomhub.hub.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.roomhub.protocol.EncodedFrame;

/**
 * Sends frames on a Jetty WebSocket without blocking: frames wait in a bounded {@link OutboundQueue}
 * and one at a time is handed to Jetty, the next once the previous is written. A consumer that falls
 * behind gets metric frames conflated, or is closed with 1013 when its queue overflows; then, as on a
 * failed write, {@code gone} tells the transport at once, so the room forgets it without waiting for the socket.
 * Writing happens on the shared writer pool: a room fanning out to a thousand sockets only enqueues.
 */
final class WebSocketOutbound extends QueuedOutbound {

    private final Session session;
    private final BiConsumer<Integer, String> gone;
    private final Executor writer;
    /** Drain loop guard: only the thread that moved it from 0 drains; others just ask for another pass. */
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean inFlight;
    private volatile int closeCode;
    private volatile String closeReason;
    private boolean closeSent;

    WebSocketOutbound(Session session, OutboundQueue queue, DropReport drops, Executor writer,
            BiConsumer<Integer, String> gone) {
        super(queue, drops);
        this.session = session;
        this.writer = writer;
        this.gone = gone;
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    protected void ready() {
        schedule();
    }

    @Override
    protected void overflow() {
        int discarded = queue.close();
        drops.closed(discarded + 1L);
        String reason = "consumer too slow; reconnect and resume";
        if (session.isOpen()) {
            session.close(TRY_AGAIN_LATER, reason, Callback.NOOP);
        }
        gone.accept(TRY_AGAIN_LATER, reason);
    }

    /** Closes after the frames already queued are written, so a room's last words arrive before the close. */
    @Override
    public void close(int code, String reason) {
        closeReason = reason;
        closeCode = code;
        schedule();
    }

    /** Frames waiting. */
    int pending() {
        return queue.size();
    }

    /** Hands the drain to the writer pool unless one is already running or queued. */
    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                writer.execute(this::drainLoop);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                drainLoop(); // the hub is stopping: write the last frames (and the close) here
            }
        }
    }

    /** Drains on the calling thread (a write completion) unless a drain is running. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        drainLoop();
    }

    private void drainLoop() {
        int missed = 1;
        do {
            while (!inFlight) {
                OutboundQueue.Entry e = queue.poll();
                if (e == null) {
                    closeIfAsked();
                    break;
                }
                if (!session.isOpen()) {
                    queue.close();
                    gone.accept(1006, "connection closed");
                    break;
                }
                inFlight = true;
                // The callback may run inline; it only flips inFlight and asks for another pass.
                session.sendText(e.frame().text(), Callback.from(this::written, this::failed));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void closeIfAsked() {
        if (closeCode != 0 && !closeSent) {
            closeSent = true;
            queue.close();
            if (session.isOpen()) {
                session.close(closeCode, closeReason, Callback.NOOP);
            }
        }
    }

    private void written() {
        inFlight = false;
        drain();
    }

    /** A write failed: the socket is dead, so the room forgets the session now, not when Jetty gets round to it. */
    private void failed(Throwable error) {
        inFlight = false;
        queue.close();
        gone.accept(1006, "write failed: " + error.getClass().getSimpleName());
    }
}
