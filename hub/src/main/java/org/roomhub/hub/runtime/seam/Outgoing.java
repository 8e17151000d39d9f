package org.roomhub.hub.runtime.seam;

import java.util.List;
import java.util.Objects;
import org.roomhub.protocol.EncodedFrame;

/**
 * One encoded frame for some sessions: a broadcast names every recipient (encoded once, sent to all).
 *
 * @param sessionIds the recipients
 * @param frame the frame, encoded once
 * @param replay true for a frame resent for a resume: unlike live frames it may not be refused or
 *     conflated for the session being behind
 */
public record Outgoing(List<String> sessionIds, EncodedFrame frame, boolean replay) {

    /** Copies the ids. */
    public Outgoing {
        sessionIds = List.copyOf(sessionIds);
        Objects.requireNonNull(frame, "frame");
    }

    /** A live frame for one session. */
    public static Outgoing to(String sessionId, EncodedFrame frame) {
        return new Outgoing(List.of(sessionId), frame, false);
    }
}
