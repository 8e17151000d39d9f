package org.roomhub.client.net;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ObserverFrame;

/**
 * The hub's observer stream {@code /hub/events}: room lifecycles, clients and flows, as they happen.
 * Always a WebSocket, whatever transport the rooms use: the hub serves it on nothing else.
 */
public final class ObserverConnection implements AutoCloseable {

    private final ReconnectingSocket socket;

    ObserverConnection(HubClient hub, Consumer<ObserverFrame> frames, BiConsumer<ConnectionState, String> states) {
        FrameCodec codec = hub.codec();
        this.socket = hub.socket(() -> hub.endpoint().observerSocket(), new RoomTransport.Handler() {
            @Override
            public void onText(String text) {
                if (codec.decodeObserver(text) instanceof Decoded.Ok<ObserverFrame> ok) {
                    frames.accept(ok.frame());
                }
            }

            @Override
            public void onState(ConnectionState state, String detail) {
                states.accept(state, detail);
            }
        }, true);
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
