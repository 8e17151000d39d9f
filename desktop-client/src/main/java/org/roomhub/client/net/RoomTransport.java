package org.roomhub.client.net;

import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.roomhub.protocol.value.RoomAddress;

/**
 * One room session's link to the hub, whatever carries it: hands over whole frames as text, reports
 * its state, reconnects by itself until closed (or until the hub refuses the credentials). The
 * display name is asked anew for every attempt, so a reconnect uses the name chosen since. {@link RoomConnection} owns the frames' meaning.
 */
interface RoomTransport {

    /** What a transport tells its owner; called one at a time, on network threads. */
    interface Handler {
        /** One complete frame as JSON text. */
        void onText(String text);

        /** The state moved; {@code detail} says why when there is a reason. */
        void onState(ConnectionState state, String detail);
    }

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

    /**
     * A transport of {@code kind} for one session in {@code room}; {@code lastSeq} gives the highest
     * broadcast seq seen, which WebSocket ({@code since=}) and polling ({@code after=}) resume from.
     */
    static RoomTransport create(TransportKind kind, HubClient hub, RoomAddress room, Supplier<String> displayName, LongSupplier lastSeq,
            Handler handler) {
        return switch (kind) {
            case WEBSOCKET -> hub.socket(() -> hub.endpoint().roomSocket(room, displayName.get(), lastSeq.getAsLong()), handler, false);
            case SSE -> new SseRoomTransport(hub, room, displayName, handler);
            case POLLING -> new PollingRoomTransport(hub, room, displayName, lastSeq, handler);
        };
    }

    /** A short name for labels: {@code websocket}, {@code sse}, {@code polling}. */
    static String label(TransportKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
