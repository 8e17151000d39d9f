package org.roomhub.client.net;

import org.roomhub.protocol.frame.ServerFrame;

/** Receives what a room sends. Called on a network thread, one call at a time per connection. */
public interface RoomListener {

    /** A decoded frame from the room. */
    void onFrame(ServerFrame frame);

    /** The connection's state moved; {@code detail} may be null. */
    default void onStateChanged(ConnectionState state, String detail) {}
}
