package org.roomhub.hub.observe;

import java.util.List;
import org.roomhub.protocol.value.RoomAddress;

/** What the edge (transports, limits) reports: drops, slow consumers closed, rate-limit hits, refused connections. */
public interface EdgeEvents {

    /** {@code count} frames for a slow consumer were dropped under {@code policy} ({@code conflate} or {@code close}). */
    void dropped(RoomAddress room, String sessionId, long count, String policy);

    /** A frame of a session was refused for its rate limit. */
    void rateLimited(RoomAddress room, String sessionId);

    /** A connection was refused before joining; {@code reason} is a label such as {@code unauthorized} or {@code room_full}. */
    void rejected(String reason);

    /**
     * The edge answered a client itself (a frame that could not be decoded, or was refused for its rate
     * limit or role) with one frame of {@code msgType} and {@code bytes}: counted like any frame the room sends.
     */
    default void answered(RoomAddress room, String sessionId, String msgType, int bytes, long at) {}

    /** Tells several listeners the same thing. */
    static EdgeEvents all(List<EdgeEvents> listeners) {
        return new EdgeEvents() {
            @Override
            public void dropped(RoomAddress room, String sessionId, long count, String policy) {
                listeners.forEach(l -> l.dropped(room, sessionId, count, policy));
            }

            @Override
            public void rateLimited(RoomAddress room, String sessionId) {
                listeners.forEach(l -> l.rateLimited(room, sessionId));
            }

            @Override
            public void rejected(String reason) {
                listeners.forEach(l -> l.rejected(reason));
            }

            @Override
            public void answered(RoomAddress room, String sessionId, String msgType, int bytes, long at) {
                listeners.forEach(l -> l.answered(room, sessionId, msgType, bytes, at));
            }
        };
    }
}
