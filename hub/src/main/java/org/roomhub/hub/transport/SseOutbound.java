package org.roomhub.hub.transport;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.roomhub.protocol.EncodedFrame;

/**
 * An SSE stream written with servlet non-blocking I/O: frames wait in a bounded {@link OutboundQueue}
 * and are written only while the stream {@linkplain ServletOutputStream#isReady() is ready}, so a
 * stalled reader never holds a thread. Each event is {@code id:}, {@code event:} (the frame's type),
 * {@code data:} (its JSON). The id is the room {@code seq} the client is up to: a broadcast frame's own
 * seq, else the last one sent (starting at the {@code connected} frame's seq, or at {@code since} when
 * resuming), so {@code Last-Event-ID} always resumes correctly.
 */
final class SseOutbound extends QueuedOutbound implements WriteListener {

    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private final BiConsumer<Integer, String> gone;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final java.util.concurrent.Executor writer;
    private final java.util.concurrent.atomic.AtomicBoolean pumpQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private ServletOutputStream out;
    private long lastSeq;
    private boolean needFlush;
    private boolean heartbeatDue;
    private boolean closing;
    private int closeCode;
    private String closeReason;
    private boolean finished;

    SseOutbound(OutboundQueue queue, DropReport drops, BiConsumer<Integer, String> gone, Long since,
            java.util.concurrent.Executor writer) {
        super(queue, drops);
        this.writer = writer;
        this.gone = gone;
        this.lastSeq = since == null ? -1 : since;
    }

    @Override
    public String transport() {
        return "sse";
    }

    /** Starts writing on {@code stream} (the request is async by now). */
    void start(ServletOutputStream stream) {
        synchronized (this) {
            out = stream;
        }
        stream.setWriteListener(this); // Jetty calls onWritePossible once ready
    }

    /** Completes when the stream has ended, which ends the HTTP response. */
    CompletableFuture<Void> done() {
        return done;
    }

    @Override
    protected void ready() {
        schedule();
    }

    @Override
    protected void overflow() {
        int discarded = queue.close();
        drops.closed(discarded + 1L);
        finish(TRY_AGAIN_LATER, "consumer too slow; reconnect with Last-Event-ID");
    }

    /** Ends the stream once what is queued has been written. */
    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            closing = true;
            closeCode = code;
            closeReason = reason;
        }
        pump();
    }

    /** Sends a comment, so a dead reader is noticed by a failing write. */
    void heartbeat() {
        synchronized (this) {
            heartbeatDue = true;
        }
        pump();
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable error) {
        finish(1006, "stream failed: " + error.getClass().getSimpleName());
    }

    /** Writes on the writer pool, so a room fanning out only enqueues; one queued pump at a time. */
    private void schedule() {
        if (pumpQueued.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    pumpQueued.set(false);
                    pump();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                pumpQueued.set(false);
                pump();
            }
        }
    }

    private void pump() {
        int code = 0;
        String reason = null;
        synchronized (this) {
            if (finished || out == null) {
                return;
            }
            try {
                while (out.isReady()) {
                    if (heartbeatDue) {
                        heartbeatDue = false;
                        out.write(HEARTBEAT);
                        needFlush = true;
                        continue;
                    }
                    QueuedFrame e = queue.poll();
                    if (e != null) {
                        out.write(event(e.frame()));
                        needFlush = true;
                        continue;
                    }
                    if (needFlush) {
                        needFlush = false;
                        out.flush();
                        continue;
                    }
                    if (closing) {
                        code = closeCode;
                        reason = closeReason;
                    }
                    break;
                }
            } catch (IOException | RuntimeException e) {
                code = 1006;
                reason = "stream failed: " + e.getClass().getSimpleName();
            }
        }
        if (code != 0) {
            finish(code, reason);
        }
    }

    private byte[] event(EncodedFrame f) {
        if (f.seq() >= 0) {
            lastSeq = f.seq();
        } else if (lastSeq < 0 && "connected".equals(f.type())) {
            lastSeq = Math.max(f.roomSeq(), 0);
        }
        String text = "id: " + Math.max(lastSeq, 0) + "\nevent: " + f.type() + "\ndata: " + f.text() + "\n\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void finish(int code, String reason) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        queue.close();
        gone.accept(code, reason);
        done.complete(null);
    }

    /** Whether the stream has ended. */
    synchronized boolean isFinished() {
        return finished;
    }
}
