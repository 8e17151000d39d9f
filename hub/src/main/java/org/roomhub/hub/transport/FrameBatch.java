package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;

/**
 * One WebSocket's batch of frames on its way to Jetty: taken from the queue together and handed over
 * together, all but the last as batched, so Jetty writes them in one gathering write (one syscall)
 * when the last arrives. Each payload is a view of the broadcast's shared read-only bytes. Jetty
 * completes a socket's frames in order, so the batch is written when its last frame is; the callbacks
 * are made once per socket and may run inline. Frames skip the session's own layers when they can
 * ({@link DirectFrames}). Used by the socket's draining thread only, one batch in flight at a time.
 */
final class FrameBatch {

    private final CoreSession core;
    private final QueuedFrame[] frames;
    private final Runnable written;
    private final Consumer<Throwable> failed;
    /** The first failure among the frames of the batch in flight but its last. */
    private volatile Throwable earlierFailure;

    FrameBatch(CoreSession core, int size, Runnable written, Consumer<Throwable> failed) {
        this.core = core;
        this.frames = new QueuedFrame[size];
        this.written = written;
        this.failed = failed;
    }

    /** Takes up to a batch of waiting frames from {@code queue}; returns how many. */
    int fill(OutboundQueue queue) {
        return queue.poll(frames);
    }

    /** Forgets the frames taken (the socket is gone). */
    void clear() {
        Arrays.fill(frames, null);
    }

    /** Hands the {@code n} frames taken to Jetty; {@code written} or {@code failed} follows, perhaps inline. */
    void write(int n) {
        earlierFailure = null;
        DirectFrames.Sink sink = DirectFrames.sink(core, frames, n);
        for (int i = 0; i < n; i++) {
            QueuedFrame e = frames[i];
            frames[i] = null;
            ByteBuffer payload = e.wire() != null ? e.wire().duplicate() : ByteBuffer.wrap(e.frame().bytes());
            boolean last = i == n - 1;
            Frame frame = new Frame(OpCode.TEXT, payload);
            Callback done = last ? batchDone : frameDone;
            if (sink != null) {
                sink.enqueue(new OutgoingEntry.Builder(frame, done).batch(!last).build());
            } else {
                core.sendFrame(frame, done, !last);
            }
        }
        if (sink != null) {
            sink.flush();
        }
    }

    /** Completion of a frame of the batch in flight but its last: only a failure matters. */
    private final Callback frameDone = new Callback() {
        @Override
        public void failed(Throwable error) {
            if (earlierFailure == null) {
                earlierFailure = error;
            }
        }
    };

    /** Completion of the last frame of the batch in flight: the batch is written, or failed with an earlier frame. */
    private final Callback batchDone = new Callback() {
        @Override
        public void succeeded() {
            Throwable earlier = earlierFailure;
            if (earlier != null) {
                failed.accept(earlier);
            } else {
                written.run();
            }
        }

        @Override
        public void failed(Throwable error) {
            failed.accept(error);
        }
    };
}
