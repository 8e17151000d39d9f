package org.roomhub.hub.runtime.seam;

import java.util.Objects;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A session's connection closed.
 *
 * @param room the room
 * @param sessionId the session
 * @param code the close code (WebSocket codes, also for SSE and polling)
 * @param reason the close reason, never null
 */
public record SessionLeft(RoomAddress room, String sessionId, int code, String reason) {

    /** Checks the fields are all there; a null reason becomes empty. */
    public SessionLeft {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sessionId, "sessionId");
        reason = reason == null ? "" : reason;
    }
}
