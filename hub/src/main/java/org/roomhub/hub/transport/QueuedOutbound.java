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
        offer(frame, null);
    }

    @Override
    public final void send(EncodedFrame frame, Fanout fanout) {
        offer(frame, fanout);
    }

    private void offer(EncodedFrame frame, Fanout fanout) {
        if (refusing()) {
            return;
        }
        switch (queue.offer(frame, fanout == null ? null : wire(fanout))) {
            case QUEUED -> ready(fanout);
            case CONFLATED -> {
                drops.conflated(1);
                ready(fanout);
            }
            case OVERFLOW -> overflow();
            case CLOSED -> { }
        }
    }

    @Override
    public final void replay(EncodedFrame frame) {
        replay(frame, null);
    }

    @Override
    public final void replay(EncodedFrame frame, Fanout fanout) {
        if (queue.offerReplay(frame) == OutboundQueue.Result.QUEUED) {
            ready(fanout);
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

    /** As {@link #ready()}; for a frame of a broadcast ({@code fanout} not null) a transport may leave the writing to it. */
    protected void ready(Fanout fanout) {
        ready();
    }

    /** The bytes this transport writes for a broadcast's frame, shared by all recipients; null: none kept. */
    protected java.nio.ByteBuffer wire(Fanout fanout) {
        return null;
    }

    /** The client fell too far behind: drop it (it recovers by resuming). */
    protected abstract void overflow();
}
