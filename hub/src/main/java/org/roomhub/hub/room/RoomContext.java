package org.roomhub.hub.room;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.LongFunction;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/** What the hub gives a room object: its address, its connections, storage, alarm and broadcast. */
public interface RoomContext {

    /** This room's type and name. */
    RoomAddress address();

    /** The hub's clock; use it for every timestamp so tests and frames agree. */
    Clock clock();

    /** Accepts a connection into the room with tags; tags and attachment survive hibernation. */
    void acceptWebSocket(Connection connection, String... tags);

    /** Every open connection of the room. */
    Collection<Connection> getWebSockets();

    /** How many connections are open: what {@code getWebSockets().size()} says, without a copy of the list. */
    default int connectionCount() {
        return getWebSockets().size();
    }

    /** Open connections carrying {@code tag}. */
    Collection<Connection> getWebSockets(String tag);

    /**
     * Changes whenever the hub tells the room's clients of joins and leaves ({@code user-joined},
     * {@code user-left}, {@code presence-diff}). A presence list a welcome built at one version may be
     * sent to later joiners while it has not changed: in a big room, joins and leaves since then reach
     * them in the next {@code presence-diff} (built once per window, not once per joiner).
     */
    long presenceVersion();

    /** A connection by session id. */
    Optional<Connection> connection(String sessionId);

    /** The room's durable storage. */
    RoomStorage storage();

    /** The room's single alarm. */
    RoomAlarm alarm();

    /**
     * Broadcasts a frame to every connection that {@link RoomObject#wants wants} it. The hub assigns
     * the next {@code seq}, which the factory puts into the frame; the frame is serialized once, and
     * that serialization is returned (a room may store what it sent without serializing it again).
     */
    EncodedFrame broadcast(LongFunction<? extends ServerFrame.Broadcast> frame);

    /** The room's latest broadcast sequence number; frames describing current state carry it. */
    long seq();

    /** Runs {@code task} as an event of this room after {@code delay}; a pending task keeps the room awake. */
    void runLater(Duration delay, Runnable task);
}
