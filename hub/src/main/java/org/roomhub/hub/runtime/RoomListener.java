package org.roomhub.hub.runtime;

import java.util.List;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

/** What the runtime reports about rooms, for the observer stream and metrics. */
public interface RoomListener {

    /** A room changed lifecycle state. */
    void stateChanged(RoomAddress room, RoomState from, RoomState to, long at);

    /** A client joined. */
    void clientConnected(RoomAddress room, ClientSession session);

    /** A client left. */
    void clientDisconnected(RoomAddress room, ClientSession session, int code, String reason);

    /** A frame travelled; {@code to} is null for a broadcast. */
    void flow(RoomAddress room, String from, List<String> to, String msgType, int bytes, long at);

    /** One frame was handed to {@code recipients} clients (a broadcast counts each of them). */
    default void delivered(RoomAddress room, int recipients, int bytes) {}

    /** The room's alarm fired. */
    void alarmFired(RoomAddress room, long at);

    /** The room woke from hibernation in {@code nanos}. */
    void woke(RoomAddress room, long nanos);

    /** A handler threw. */
    void handlerFailed(RoomAddress room, Throwable error);
}
