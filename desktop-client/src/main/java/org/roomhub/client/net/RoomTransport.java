package org.roomhub.client.net;

/**
 * One link to the hub, whatever carries it: hands over decoded frames to its {@link LinkListener},
 * reports its state, reconnects by itself until closed (or until the hub refuses the credentials).
 * The display name is asked anew for every attempt, so a reconnect uses the name chosen since.
 * {@link TransportFactory} makes one per {@link TransportKind}; {@link RoomConnection} owns the frames' meaning.
 */
interface RoomTransport {

    /** Starts the first attempt. */
    void open();

    /** Sends one frame's text; false when not connected (the frame is not queued). */
    boolean send(String text);

    /** Current state. */
    ConnectionState state();

    /** Drops the link as a network failure would; a reconnect follows. */
    void dropForTest();

    /** Closes for good. */
    void close();
}
