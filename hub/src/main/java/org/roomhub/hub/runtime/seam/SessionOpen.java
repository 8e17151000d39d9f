package org.roomhub.hub.runtime.seam;

import java.util.Objects;
import java.util.OptionalLong;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A session opening in a room.
 *
 * @param room the room
 * @param sessionId the session's id, unique in the hub
 * @param user the display name the room knows the client by
 * @param role the client's role ({@code Role.wireName()})
 * @param transport {@code websocket}, {@code sse} or {@code polling}
 * @param since present: resume after this seq instead of a fresh welcome
 */
public record SessionOpen(RoomAddress room, String sessionId, String user, String role, String transport, OptionalLong since) {

    /** Checks the fields are all there. */
    public SessionOpen {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(since, "since");
    }
}
