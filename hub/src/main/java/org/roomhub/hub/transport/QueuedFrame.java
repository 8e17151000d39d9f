package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import org.roomhub.protocol.EncodedFrame;

/**
 * A frame waiting in an {@link OutboundQueue}, with its session-local number; {@code replay} marks a
 * frame resent for a resume; {@code wire}, when not null, is the frame's UTF-8 bytes shared read-only
 * with other recipients. The fields are the queue's; transports use the accessors.
 */
public final class QueuedFrame {
    final long n;
    final EncodedFrame frame;
    final boolean replay;
    private final ByteBuffer wire;
    /** The conflation subject in a conflating queue, else null. */
    final String subject;
    /** Replaced by a newer frame of its subject: skipped, not delivered. */
    boolean dead;

    QueuedFrame(long n, EncodedFrame frame, boolean replay, ByteBuffer wire, String subject) {
        this.n = n;
        this.frame = frame;
        this.replay = replay;
        this.wire = wire;
        this.subject = subject;
    }

    public long n() {
        return n;
    }

    public EncodedFrame frame() {
        return frame;
    }

    public boolean replay() {
        return replay;
    }

    public ByteBuffer wire() {
        return wire;
    }
}
