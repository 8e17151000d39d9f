package org.roomhub.hub.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.roomhub.protocol.EncodedFrame;

/**
 * A polling session's frames, held in a bounded {@link OutboundQueue} until the client acknowledges
 * them with {@code after=} (so a lost response loses nothing). A long poll waits here until a frame
 * arrives or its wait ends. When the queue overflows (a client that stopped polling) the mailbox is
 * closed with 1013: what it holds is still handed out, followed by the close.
 */
final class PollingMailbox extends QueuedOutbound {

    /** Most frames in one response. */
    static final int MAX_BATCH = 1_000;
    /** Frames arriving together (a welcome) go out in one response. */
    private static final long COALESCE_MILLIS = 5;

    /** One poll's answer. */
    record Batch(List<QueuedFrame> messages, long next, Integer closeCode, String closeReason) {}

    private final BiConsumer<Integer, String> gone;
    private final ScheduledExecutorService timer;
    private CompletableFuture<Batch> waiter;
    private long waiterAfter;
    private boolean wakeScheduled;
    private Integer closeCode;
    private String closeReason;

    PollingMailbox(OutboundQueue queue, DropReport drops, BiConsumer<Integer, String> gone, ScheduledExecutorService timer) {
        super(queue, drops);
        this.gone = gone;
        this.timer = timer;
    }

    @Override
    public String transport() {
        return "polling";
    }

    @Override
    protected synchronized boolean refusing() {
        return closeCode != null;
    }

    @Override
    protected void ready() {
        wake();
    }

    @Override
    protected void overflow() {
        drops.closed(1);
        String reason = "consumer too slow; poll again with after={last seq}";
        close(TRY_AGAIN_LATER, reason);
    }

    /**
     * Closes the mailbox: what it holds is still handed out, then the close. The room forgets the
     * session now: a closed session is no live client, even if no poll comes to collect the close.
     */
    @Override
    public void close(int code, String reason) {
        boolean first;
        synchronized (this) {
            first = closeCode == null;
            if (first) {
                closeCode = code;
                closeReason = reason;
            }
        }
        wake();
        if (first) {
            gone.accept(code, reason);
        }
    }

    /** Whether a long poll is waiting now (a waiting client is being seen). */
    synchronized boolean isWaiting() {
        return waiter != null;
    }

    /** Acknowledges frames up to {@code after} and answers with the rest, waiting up to {@code waitMillis} for some. */
    CompletableFuture<Batch> poll(long after, long waitMillis) {
        CompletableFuture<Batch> previous;
        CompletableFuture<Batch> mine;
        synchronized (this) {
            Batch now = batch(after);
            if (!now.messages().isEmpty() || closeCode != null || waitMillis <= 0) {
                return CompletableFuture.completedFuture(now);
            }
            previous = waiter;
            mine = new CompletableFuture<>();
            waiter = mine;
            waiterAfter = after;
        }
        if (previous != null) {
            previous.complete(new Batch(List.of(), after, null, null)); // a newer poll replaces it
        }
        timer.schedule(() -> answer(mine), waitMillis, TimeUnit.MILLISECONDS);
        return mine;
    }

    private Batch batch(long after) {
        List<QueuedFrame> got = queue.acknowledgeAndPeek(after, MAX_BATCH);
        long next = got.isEmpty() ? after : got.get(got.size() - 1).n();
        boolean drained = got.isEmpty() || queue.size() == got.size();
        return new Batch(got, next, drained ? closeCode : null, drained ? closeReason : null);
    }

    private void wake() {
        synchronized (this) {
            if (waiter == null || wakeScheduled) {
                return;
            }
            wakeScheduled = true;
        }
        CompletableFuture<Batch> w;
        synchronized (this) {
            w = waiter;
        }
        timer.schedule(() -> answer(w), COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void answer(CompletableFuture<Batch> w) {
        Batch b;
        synchronized (this) {
            if (waiter != w) {
                return;
            }
            waiter = null;
            wakeScheduled = false;
            b = batch(waiterAfter);
        }
        w.complete(b);
    }
}
