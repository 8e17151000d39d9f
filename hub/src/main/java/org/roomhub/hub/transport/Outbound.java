package org.roomhub.hub.transport;

import org.roomhub.protocol.EncodedFrame;

/** Where a session's frames go: a WebSocket, an SSE stream or a polling mailbox. Never blocks. */
public interface Outbound {

    /** {@code websocket}, {@code sse} or {@code polling}. */
    String transport();

    /** Queues a frame for the client. */
    void send(EncodedFrame frame);

    /**
     * Queues one frame of a broadcast or of an event's frames. {@code fanout} carries the frame's bytes, encoded
     * once for every recipient, and collects what to write, so the writer pool is woken once per hand-off, not
     * per recipient and frame; null: as {@link #send(EncodedFrame)}.
     */
    default void send(EncodedFrame frame, Fanout fanout) {
        send(frame);
    }

    /** Queues a frame resent for a resume; unlike live frames it may not be refused for being behind. */
    default void replay(EncodedFrame frame) {
        send(frame);
    }

    /** As {@link #replay(EncodedFrame)}, the writing left to {@code fanout} as for {@link #send(EncodedFrame, Fanout)}. */
    default void replay(EncodedFrame frame, Fanout fanout) {
        replay(frame);
    }

    /** Closes the client's connection. */
    void close(int code, String reason);

    /** Frames waiting to be written to the client. */
    default int queuedFrames() {
        return 0;
    }

    /** Bytes of the frames waiting to be written to the client. */
    default long queuedBytes() {
        return 0;
    }
}
