package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.roomhub.protocol.EncodedFrame;

/**
 * Sends frames on a Jetty WebSocket without blocking: frames wait in a bounded {@link OutboundQueue}
 * and one at a time is handed to Jetty, the next once the previous is written. A consumer that falls
 * behind gets metric frames conflated, or is closed with 1013 when its queue overflows; then, as on a
 * failed write, {@code gone} tells the transport at once, so the room forgets it without waiting for the socket.
 * Writing happens on the shared writer pool: a room fanning out to a thousand sockets only enqueues.
 * Frames that waited together are written together (one gathering write), from the broadcast's
 * bytes encoded once ({@link Fanout}). A socket that wrote less than the pool's linger ago leaves its
 * frames waiting until the pool's next tick ({@link Writers}), so a busy socket writes a few frames per
 * syscall; a quiet one writes at once, and so does one whose peer has just sent (see {@link #heard()}).
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
    /** The pool's linger, or null when frames are always written at once. */
    private final Writers lingering;
    private final long linger;
    /** The linger's tick as a task, made once. */
    private final Runnable tickTask = this::lingered;
    /** When the peer last sent a frame (nanoTime): see {@link #heard()}. */
    private volatile long lastRequest;
    /** Frames wait for the linger's tick: sending more needs no hand-off, the tick writes them all. */
    private volatile boolean deferred;
    /** The tick came: write now, however recent the last write. */
    private volatile boolean due;
    /**
     * When the last batch went to Jetty ({@link System#nanoTime()}); set by the draining thread, read
     * by a room thread that took the drain guard to leave a broadcast's frame for the tick.
     */
    private volatile long lastWrite;
    /** The batch being handed to Jetty; only the draining thread uses it. */
    private final OutboundQueue.Entry[] batch = new OutboundQueue.Entry[BATCH];
    /** The first failure among the frames of the batch in flight but its last. */
    private volatile Throwable batchFailure;
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
        this.lingering = writer instanceof Writers w && w.lingerNanos() > 0 ? w : null;
        this.linger = lingering == null ? 0 : lingering.lingerNanos();
        this.lastWrite = System.nanoTime() - linger;
        this.lastRequest = lastWrite;
    }

    /**
     * The peer sent a frame: for one linger from now this socket writes at once. A client that asks
     * is usually waiting for the answer (a chat sender for its echo), and holding that back would cap
     * it at its frames in flight per linger; sockets that only listen keep the linger's batching.
     */
    void heard() {
        lastRequest = System.nanoTime();
        if (deferred) {
            schedule(); // what waits for the tick (perhaps an answer already) goes now
        }
    }

    /** The peer sent a frame less than a linger ago. */
    private boolean asking() {
        return System.nanoTime() - lastRequest < linger;
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    protected void ready() {
        if (!deferred || asking()) {
            schedule();
        }
    }

    @Override
    protected void ready(Fanout fanout) {
        if (deferred && !asking()) {
            return; // the linger's tick writes it with the others
        } else if (fanout == null) {
            schedule();
        } else if (wip.getAndIncrement() == 0) {
            // Holding the drain guard, the room thread may itself leave the frame for the tick: a socket
            // that wrote less than a linger ago then costs no writer pass just to decide to wait.
            if (lingers() && wip.decrementAndGet() == 0) {
                return;
            }
            fanout.defer(drainTask); // still the guard's holder: the writer drains (or passes again)
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
            while (!inFlight && !lingers()) {
                int n = queue.poll(batch);
                if (n == 0) {
                    closeIfAsked();
                    break;
                }
                if (!core.isOutputOpen()) {
                    java.util.Arrays.fill(batch, null);
                    queue.close();
                    gone.accept(1006, "connection closed");
                    break;
                }
                inFlight = true;
                // A full batch may leave more behind: those follow as soon as it is written, not at a
                // later tick (a tick per batch would cap a socket at BATCH frames per linger).
                due = n == batch.length;
                lastWrite = System.nanoTime();
                writeBatch(n);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Whether the frames waiting stay for the linger's tick: the last write was less than the linger
     * ago, no tick has come since, no close waits and the peer has sent nothing within the linger.
     * Asks for the tick the first time.
     */
    private boolean lingers() {
        if (linger == 0 || due || closeCode != 0 || asking()) {
            return false;
        }
        if (deferred) {
            return true;
        }
        if (System.nanoTime() - lastWrite >= linger || queue.isEmpty()) {
            return false;
        }
        deferred = true;
        lingering.atNextTick(tickTask);
        return true;
    }

    /** The linger's tick: write what waits. */
    private void lingered() {
        due = true;
        deferred = false;
        drain();
    }

    /**
     * Hands the {@code n} frames of {@link #batch} to Jetty: all but the last as batched, so Jetty writes
     * them together in one gathering write when the last arrives, instead of one write (one syscall)
     * each. Each payload is a view of the broadcast's shared read-only bytes. Jetty completes a socket's
     * frames in order, so the batch is written when its last frame is; the callbacks are made once, may
     * run inline and only flip inFlight and ask for another pass. Frames skip the session's own layers
     * when they can ({@link DirectFrames}).
     */
    private void writeBatch(int n) {
        batchFailure = null;
        WebSocketConnection connection = DirectFrames.connection(core, batch, n);
        for (int i = 0; i < n; i++) {
            OutboundQueue.Entry e = batch[i];
            batch[i] = null;
            ByteBuffer payload = e.wire() != null ? e.wire().duplicate() : ByteBuffer.wrap(e.frame().bytes());
            boolean last = i == n - 1;
            Frame frame = new Frame(OpCode.TEXT, payload);
            Callback done = last ? batchDone : frameDone;
            if (connection != null) {
                connection.enqueueFrame(new OutgoingEntry.Builder(frame, done).batch(!last).build());
            } else {
                core.sendFrame(frame, done, !last);
            }
        }
    }

    /** Completion of a frame of the batch in flight but its last: only a failure matters. */
    private final Callback frameDone = new Callback() {
        @Override
        public void failed(Throwable error) {
            if (batchFailure == null) {
                batchFailure = error;
            }
        }
    };

    /** Completion of the last frame of the batch in flight: the batch is written, or failed with an earlier frame. */
    private final Callback batchDone = new Callback() {
        @Override
        public void succeeded() {
            Throwable earlier = batchFailure;
            if (earlier != null) {
                WebSocketOutbound.this.failed(earlier);
            } else {
                written();
            }
        }

        @Override
        public void failed(Throwable error) {
            WebSocketOutbound.this.failed(error);
        }
    };

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
