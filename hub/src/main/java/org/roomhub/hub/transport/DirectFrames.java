package org.roomhub.hub.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.internal.FrameFlusher;

/**
 * Where a batch of whole text frames goes instead of through {@link CoreSession#sendFrame}: straight
 * to the connection's frame flusher. The session's layers (a serialising flusher, a fragmenter, the
 * extension chain, outgoing-state checks, two entry copies and two callback wrappers per frame) do
 * nothing for a whole unmasked text frame of a server without extensions, yet were a third of the
 * writer threads' samples in the fan-out profile. What they check still holds: the caller checks the
 * output is open before each batch, every frame is a whole text frame, and the flusher refuses frames
 * once a close is queued (their callback fails).
 *
 * <p>{@link WebSocketConnection#enqueueFrame} runs the flusher's whole cycle for every frame (lock,
 * state machine, a list allocated twice, completion) although batched frames only wait for the last.
 * When the flusher itself is reachable ({@link #SINK}, Jetty 12.1's private field read once here) a
 * batch is queued frame by frame and the flusher runs once, taking the frames together.
 */
final class DirectFrames {

    /** Reads a connection's frame flusher; null when this Jetty has no such field (then frames go one by one). */
    private static final MethodHandle FLUSHER = flusherGetter();

    private DirectFrames() {
    }

    /** A batch's way to the wire: its frames queued one by one, then {@link #flush()} writes them. */
    interface Sink {
        /** Queues a frame; false when the flusher refused it (closed: its callback has failed). */
        boolean enqueue(OutgoingEntry entry);

        /** Runs the flusher over what was queued. */
        void flush();
    }

    /** Whether batches reach the frame flusher itself (one flusher cycle per batch) on this Jetty. */
    static boolean flusherReachable() {
        return FLUSHER != null;
    }

    /**
     * The sink to hand the first {@code n} frames of {@code batch} to, or null to go through the
     * session: when an extension was negotiated (it may compress), or a frame is larger than the
     * session fragments at. A batch takes one path, so its frames stay in order.
     */
    static Sink sink(CoreSession core, QueuedFrame[] batch, int n) {
        if (!(core instanceof WebSocketCoreSession session) || session.getExtensionStack().hasNegotiatedExtensions()) {
            return null;
        }
        long fragmentAt = session.isAutoFragment() && session.getMaxFrameSize() > 0 ? session.getMaxFrameSize() : Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (batch[i].frame().byteLength() > fragmentAt) {
                return null;
            }
        }
        WebSocketConnection connection = session.getConnection();
        FrameFlusher flusher = flusher(connection);
        return flusher != null ? new FlusherSink(flusher) : new ConnectionSink(connection);
    }

    private static FrameFlusher flusher(WebSocketConnection connection) {
        if (FLUSHER == null || connection == null) {
            return null;
        }
        try {
            return (FrameFlusher) FLUSHER.invokeExact(connection);
        } catch (Throwable unexpected) {
            return null;
        }
    }

    private static MethodHandle flusherGetter() {
        try {
            Field f = WebSocketConnection.class.getDeclaredField("flusher");
            if (!FrameFlusher.class.isAssignableFrom(f.getType())) {
                return null;
            }
            f.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(f)
                    .asType(MethodType.methodType(FrameFlusher.class, WebSocketConnection.class));
        } catch (ReflectiveOperationException | RuntimeException notThisJetty) {
            return null;
        }
    }

    /** Jetty's own per-frame path: {@code enqueueFrame} queues and runs the flusher for each frame. */
    private record ConnectionSink(WebSocketConnection connection) implements Sink {
        @Override
        public boolean enqueue(OutgoingEntry entry) {
            connection.enqueueFrame(entry);
            return true;
        }

        @Override
        public void flush() {
            // each frame already ran the flusher
        }
    }

    /**
     * The batch queued on the flusher, which then runs once: it takes up to 9 frames per cycle and
     * writes when it reaches the last (not batched) frame. A server never masks, so nothing of
     * {@code enqueueFrame} is skipped but the per-frame cycle.
     */
    private static final class FlusherSink implements Sink {
        private final FrameFlusher flusher;
        private boolean queued;

        FlusherSink(FrameFlusher flusher) {
            this.flusher = flusher;
        }

        @Override
        public boolean enqueue(OutgoingEntry entry) {
            boolean ok = flusher.enqueue(entry);
            queued |= ok;
            return ok;
        }

        @Override
        public void flush() {
            if (queued) {
                flusher.iterate();
            }
        }
    }
}
