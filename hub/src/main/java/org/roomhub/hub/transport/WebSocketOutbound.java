package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * Sends frames on a Jetty WebSocket without blocking: frames wait in a bounded {@link OutboundQueue}
 * and one at a time is handed to Jetty, the next once the previous is written. A consumer that falls
 * behind gets metric frames conflated, or is closed with 1013 when its queue overflows; then, as on a
 * failed write, {@code gone} tells the transport at once, so the room forgets it without waiting for the socket.
 * Writing happens on the shared writer pool: a room fanning out to a thousand sockets only enqueues.
 * Frames that waited together are written together (one gathering write), from the broadcast's
 * bytes encoded once ({@link Fanout}). A socket that wrote less than the pool's linger ago leaves its
 * frames waiting until the pool's next tick ({@link Writers}; a socket fed steadily, for a few ticks; with a
 * write age, until it has waited the age or enough frames wait), so
 * a busy socket writes several frames per syscall; a quiet one writes at once, and so does one whose
 * peer has just sent (see {@link #heard()}).
 */
final class WebSocketOutbound extends QueuedOutbound {

    /** Frames handed to Jetty in one go when several wait: written together, in one gathering write. */
    static final int BATCH = 16;
    /** Frames that make a tick's write worth it at once: fewer may wait for another tick (see {@link Writers}). */
    static final int FULL = BATCH / 2;

    /** Jetty's core session: frames go to it straight, payloads as views of shared bytes. */
    private final CoreSession core;
    /** The drain as a task, made once (not a new lambda per hand-off). */
    private final Runnable drainTask = this::drainLoop;
    private final BiConsumer<Integer, String> gone;
    private final Executor writer;
    /** The pool's linger, or null when frames are always written at once. */
    private final Writers lingering;
    private final long linger;
    /** Ticks the frames may wait through when they keep coming (the adaptive linger); 1: one tick. */
    private final int lingerTicks;
    /** With a write age: frames that end a wait at once (0: only the age, or no age at all). */
    private final int hurryFrames;
    /** With a write age: when the current wait began (nanoTime); a tick for an earlier wait is stale. */
    private volatile long deferredAt;
    /** Ticks waited through since the last write; only the tick task (one at a time) uses it. */
    private int ticksWaited;
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
    /** The batch being handed to Jetty; only the draining thread fills it. */
    private final FrameBatch batch;
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
        this.lingerTicks = lingering == null ? 1 : lingering.lingerTicks();
        this.hurryFrames = lingering == null || lingering.ageNanos() == 0 ? 0 : lingering.ageFrames();
        this.lastWrite = System.nanoTime() - linger;
        this.lastRequest = lastWrite;
        this.batch = new FrameBatch(session, BATCH, this::written, this::failed);
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
        } else if (full()) {
            hurry(null);
        }
    }

    @Override
    protected void ready(Fanout fanout) {
        if (deferred && !asking()) {
            if (full()) {
                hurry(fanout); // otherwise the linger's tick writes it with the others
            }
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

    /** With a write age: whether enough frames wait to end the wait now (waiting longer only adds latency). */
    private boolean full() {
        return hurryFrames > 0 && queue.size() >= hurryFrames;
    }

    /**
     * Ends the wait: writes now, on the writer pool (for a broadcast, with the other recipients' drains).
     * The wait's tick still comes, and finds itself stale.
     */
    private void hurry(Fanout fanout) {
        due = true;
        deferred = false;
        if (fanout == null) {
            schedule();
        } else if (wip.getAndIncrement() == 0) {
            fanout.defer(drainTask);
        }
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
                int n = batch.fill(queue);
                if (n == 0) {
                    closeIfAsked();
                    break;
                }
                if (!core.isOutputOpen()) {
                    batch.clear();
                    queue.close();
                    gone.accept(1006, "connection closed");
                    break;
                }
                inFlight = true;
                // A full batch may leave more behind: those follow as soon as it is written, not at a
                // later tick (a tick per batch would cap a socket at BATCH frames per linger).
                due = n == BATCH;
                lastWrite = System.nanoTime();
                batch.write(n);
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
        deferredAt = System.nanoTime();
        lingering.atNextTick(tickTask);
        return true;
    }

    /**
     * The linger's tick: write what waits, unless frames keep coming and fewer than {@link #FULL} wait:
     * then they stay for another tick, up to {@link #lingerTicks} since the last write (no close, and
     * the peer has not just sent, the pool is not stopping). With a write age the tick comes when this
     * socket's wait reaches the age, and writes; one for a wait a hurried write already ended does nothing.
     */
    private void lingered() {
        if (hurryFrames > 0 && !lingering.stopping()
                && (!deferred || System.nanoTime() - deferredAt < lingering.ageNanos() - lingering.slackNanos())) {
            return; // a hurried write ended the wait this tick was for; a later wait has its own tick
        }
        if (++ticksWaited < lingerTicks && closeCode == 0 && !asking() && !lingering.stopping() && queue.size() < FULL) {
            lingering.atNextTick(tickTask); // still deferred: new frames need no hand-off
            return;
        }
        ticksWaited = 0;
        due = true;
        deferred = false;
        drain();
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
