package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import org.roomhub.protocol.EncodedFrame;

/**
 * One hand-off of frames through the edge: the frames of one room event (or one broadcast), each
 * encoded once and its UTF-8 bytes shared read-only by every WebSocket recipient (server frames are
 * not masked, so the bytes on the wire are the same for all), and the sockets that now have something
 * to write. Those are handed to the writer pool in a few tasks after the last frame was queued, instead
 * of one hand-off (and one thread wake-up) per recipient; a socket given several frames of the event (a
 * joiner's welcome) therefore writes them together. Used by one thread, for one hand-off.
 */
public final class Fanout {

    /** Writer tasks per hand-off at most: the writer pool's size (one thread per core, at least two). */
    private static final int TASKS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private EncodedFrame frame;
    private ByteBuffer wire;
    private Runnable[] drains = new Runnable[16];
    private int count;

    Fanout(EncodedFrame frame) {
        this.frame = frame;
    }

    /** The frame queued from now on (its bytes are wrapped when first asked for). */
    Fanout carrying(EncodedFrame next) {
        if (next != frame) {
            frame = next;
            wire = null;
        }
        return this;
    }

    /** The frame's UTF-8 bytes, read-only; callers take a {@link ByteBuffer#duplicate()} to read them. */
    ByteBuffer wire() {
        if (wire == null) {
            wire = ByteBuffer.wrap(frame.bytes()).asReadOnlyBuffer();
        }
        return wire;
    }

    /** A drain to run on the writer pool once every recipient has its frame. */
    void defer(Runnable drain) {
        if (count == drains.length) {
            drains = Arrays.copyOf(drains, count * 2);
        }
        drains[count++] = drain;
    }

    /** Hands the deferred drains to {@code writer} in at most one task per writer thread. */
    void flush(Executor writer) {
        Writers.spread(writer, TASKS, drains, count);
        if (count > 0) {
            count = 0;
            drains = new Runnable[16];
        }
    }
}
