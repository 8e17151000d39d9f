package org.roomhub.client.net;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.roomhub.protocol.frame.ObserverFrame;

/**
 * The hub's observer stream {@code /hub/events}: room lifecycles, clients and flows, as they happen.
 * Always a WebSocket, whatever transport the rooms use: the hub serves it on nothing else.
 */
public final class ObserverConnection implements AutoCloseable {

    private final RoomTransport socket;

    ObserverConnection(NetResources net, Consumer<ObserverFrame> frames, BiConsumer<ConnectionState, String> states) {
        this.socket = TransportFactory.observer(net, new LinkListener<>() {
            @Override
            public void onFrame(ObserverFrame frame) {
                frames.accept(frame);
            }

            @Override
            public void onState(ConnectionState state, String detail) {
                states.accept(state, detail);
            }
        });
    }

    void open() {
        socket.open();
    }

    /** Current state. */
    public ConnectionState state() {
        return socket.state();
    }

    /** Stops observing. */
    @Override
    public void close() {
        socket.close();
    }
}
