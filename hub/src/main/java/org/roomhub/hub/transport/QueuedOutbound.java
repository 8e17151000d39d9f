package org.roomhub.hub.transport;

import org.roomhub.protocol.EncodedFrame;

/**
 * What every transport does with a frame for its client: put it in the client's bounded
 * {@link OutboundQueue} and say when there is something to write, or when the client is too slow.
 * Subclasses decide how frames leave ({@link #ready}) and how a too-slow client is dropped
 * ({@link #overflow}).
 */
abstract class QueuedOutbound implements Outbound {

    /** Close code for "try again later": the consumer was too slow. */
    static final int TRY_AGAIN_LATER = 1013;

    protected final OutboundQueue queue;
    protected final DropReport drops;

    QueuedOutbound(OutboundQueue queue, DropReport drops) {
        this.queue = queue;
        this.drops = drops;
    }

    @Override
    public final void send(EncodedFrame frame) {
        if (refusing()) {
            return;
        }
        switch (queue.offer(frame)) {
            case QUEUED -> ready();
            case CONFLATED -> {
                drops.conflated(1);
                ready();
            }
            case OVERFLOW -> overflow();
            case CLOSED -> { }
        }
    }

    @Override
    public final void replay(EncodedFrame frame) {
        if (queue.offerReplay(frame) == OutboundQueue.Result.QUEUED) {
            ready();
        }
    }

    @Override
    public final int queuedFrames() {
        return queue.size();
    }

    @Override
    public final long queuedBytes() {
        return queue.bytes();
    }

    /** Whether new frames are no longer taken (the client is closing). */
    protected boolean refusing() {
        return false;
    }

    /** Frames wait in the queue: get them written. Never blocks. */
    protected abstract void ready();

    /** The client fell too far behind: drop it (it recovers by resuming). */
    protected abstract void overflow();
}
