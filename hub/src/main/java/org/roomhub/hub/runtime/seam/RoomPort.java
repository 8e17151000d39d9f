package org.roomhub.hub.runtime.seam;

import org.roomhub.protocol.value.RoomAddress;

/**
 * Edge → host: what the edge tells the rooms about its sessions. Implemented by the host, called by
 * the edge; every call enqueues on the room and returns at once.
 */
public interface RoomPort {

    /** Makes sure the room exists (hibernated if it has to be made), e.g. when a WebSocket handshake is accepted. */
    void ensure(RoomAddress room);

    /** A session opens in a room; answered by {@code connected} (and the welcome or a replay) sent to it. */
    void open(SessionOpen open);

    /** A decoded client frame from an open session; the room answers through {@link SessionPort}. */
    void deliver(ClientMessage message);

    /** The session's connection closed (whoever closed it); called once per opened session. */
    void left(SessionLeft left);

    /** A transport error on an open session, for the room's {@code onError}. */
    void failed(RoomAddress room, String sessionId, Throwable error);
}
