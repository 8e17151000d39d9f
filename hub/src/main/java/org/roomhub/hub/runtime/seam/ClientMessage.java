package org.roomhub.hub.runtime.seam;

import java.util.Objects;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A client frame the edge decoded and let through (rate limit and role passed).
 *
 * @param room the room
 * @param sessionId the sender
 * @param frame the decoded frame
 * @param bytes its size on the wire, for the figures
 */
public record ClientMessage(RoomAddress room, String sessionId, ClientFrame frame, int bytes) {

    /** Checks the fields are all there. */
    public ClientMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(frame, "frame");
    }
}
