package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.roomhub.protocol.EncodedFrame;

/**
 * Sends frames on a Jetty WebSocket without blocking: frames wait in a bounded {@link OutboundQueue}
 * and one at a time is handed to Jetty, the next once the previous is written. A consumer that falls
 * behind gets metric frames conflated, or is closed with 1013 when its queue overflows; then, as on a
 * failed write, {@code gone} tells the transport at once, so the room forgets it without waiting for the socket.
 * Writing happens on the shared writer pool: a room fanning out to a thousand sockets only enqueues.
 * Frames that waited together are written together (one gathering write), from the broadcast's
 * bytes encoded once ({@link Fanout}).
 */
final class WebSocketOutbound extends QueuedOutbound {

    /** Frames handed to Jetty in one go when several wait: written together, in one gathering write. */
    static final int BATCH = 16;

    /** Jetty's core session: frames go to it straight, payloads as views of shared bytes. */
    private final CoreSession core;
    /** The drain as a task, made once (not a new lambda per hand-off). */
    private final Runnable drainTask = this::drainLoop;
    private final BiConsumer<Integer, String> gone;
    private final Executor writer;
    /** Drain loop guard: only the thread that moved it from 0 drains; others just ask for another pass. */
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean inFlight;
    private volatile int closeCode;
    private volatile String closeReason;
    private boolean closeSent;

    WebSocketOutbound(CoreSession session, OutboundQueue queue, DropReport drops, Executor writer,
            BiConsumer<Integer, String> gone) {
        super(queue, drops);
        this.core = session;
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
    protected void ready(Fanout fanout) {
        if (fanout == null) {
            schedule();
        } else if (wip.getAndIncrement() == 0) {
            fanout.defer(drainTask);
        }
    }

    @Override
    protected ByteBuffer wire(Fanout fanout) {
        return fanout == null ? null : fanout.wire();
    }

    @Override
    protected void overflow() {
        int discarded = queue.close();
        drops.closed(discarded + 1L);
        String reason = "consumer too slow; reconnect and resume";
        if (core.isOutputOpen()) {
            core.close(TRY_AGAIN_LATER, reason, Callback.NOOP);
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
                writer.execute(drainTask);
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
                if (!core.isOutputOpen()) {
                    queue.close();
                    gone.accept(1006, "connection closed");
                    break;
                }
                inFlight = true;
                writeBatch(e);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Hands {@code first} and the frames waiting behind it (at most {@link #BATCH} in all) to Jetty's
     * core session: all but the last as batched, so Jetty writes them together in one gathering write
     * when the last arrives, instead of one write (one syscall) each. Each payload is a view of the broadcast's shared read-only bytes.
     * The batch counts as written when Jetty completed every frame of it (in order); the callback may run
     * inline and only flips inFlight and asks for another pass.
     */
    private void writeBatch(OutboundQueue.Entry first) {
        Written done = new Written();
        OutboundQueue.Entry e = first;
        for (int n = 1; e != null; n++) {
            OutboundQueue.Entry next = n < BATCH ? queue.poll() : null;
            ByteBuffer payload = e.wire() != null ? e.wire().duplicate() : ByteBuffer.wrap(e.frame().bytes());
            done.add();
            core.sendFrame(new Frame(OpCode.TEXT, payload), done, next != null);
            e = next;
        }
        done.succeeded(); // the batch's own hold: it is written once every frame completed
    }

    /**
     * Completion of one batch: written once Jetty completed all its frames and the batch was complete
     * (it holds one count of its own while frames are added), failed at the first failure.
     */
    private final class Written implements Callback {
        private final AtomicInteger remaining = new AtomicInteger(1);
        private final AtomicBoolean over = new AtomicBoolean();

        void add() {
            remaining.incrementAndGet();
        }

        @Override
        public void succeeded() {
            if (remaining.decrementAndGet() == 0 && over.compareAndSet(false, true)) {
                written();
            }
        }

        @Override
        public void failed(Throwable error) {
            if (over.compareAndSet(false, true)) {
                WebSocketOutbound.this.failed(error);
            }
        }
    }

    private void closeIfAsked() {
        if (closeCode != 0 && !closeSent) {
            closeSent = true;
            queue.close();
            if (core.isOutputOpen()) {
                core.close(closeCode, closeReason, Callback.NOOP);
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
