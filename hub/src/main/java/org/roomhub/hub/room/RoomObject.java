package org.roomhub.hub.room;

import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * One live room. The hub calls these handlers one at a time on the room's serial queue, so room
 * code needs no locks. Frames a handler sends leave only after the handler's storage writes are
 * durable. A handler that throws is reported, its writes are discarded and the object is rebuilt
 * from storage before the next event.
 */
public interface RoomObject {

    /** A client joined; the hub has already sent it {@code connected}. Accept it with tags here if wanted. */
    default void onConnect(Connection connection) {}

    /** Sends the room's welcome frames; also used as the fresh snapshot after a {@code reset}. */
    default void welcome(Connection connection) {}

    /** A client frame of one of the types the room type accepts. */
    void onMessage(Connection connection, ClientFrame frame);

    /** A client left (its connection is already closed). */
    default void onClose(Connection connection, int code, String reason) {}

    /** A transport error on a connection. */
    default void onError(Connection connection, Throwable error) {}

    /** The room's alarm came due. Throwing retries it with backoff. */
    default void onAlarm() {}

    /** A plain HTTP request to the room's path (other than the protocol's own endpoints). */
    default RoomResponse onRequest(RoomRequest request) {
        return RoomResponse.text(405, "This room answers no HTTP requests");
    }

    /** Whether {@code connection} should receive {@code frame}; used for broadcasts and their replay. */
    default boolean wants(Connection connection, ServerFrame.Broadcast frame) {
        return true;
    }
}
