package org.roomhub.client.net;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/** Makes the link for a {@link TransportKind}: the one place that knows the concrete transports. */
final class TransportFactory {

    private TransportFactory() {
    }

    /**
     * A link of {@code kind} for one session in {@code room}; {@code lastSeq} gives the highest
     * broadcast seq seen, which WebSocket ({@code since=}) and polling ({@code after=}) resume from.
     */
    static RoomTransport room(TransportKind kind, NetResources net, RoomAddress room, Supplier<String> displayName, LongSupplier lastSeq,
            LinkListener<ServerFrame> listener) {
        return switch (kind) {
            case WEBSOCKET -> new ReconnectingSocket<>(net, hub -> hub.roomSocket(room, displayName.get(), lastSeq.getAsLong()),
                    net.codec()::decodeServer, listener, false);
            case SSE -> new SseRoomTransport(net, room, displayName, listener);
            case POLLING -> new PollingRoomTransport(net, room, displayName, lastSeq, listener);
        };
    }

    /** The observer stream: always a WebSocket (the hub serves it on nothing else), admin-only. */
    static RoomTransport observer(NetResources net, LinkListener<ObserverFrame> listener) {
        return new ReconnectingSocket<>(net, HubEndpoint::observerSocket, net.codec()::decodeObserver, listener, true);
    }
}
