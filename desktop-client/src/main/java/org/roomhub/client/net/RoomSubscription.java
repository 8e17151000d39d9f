package org.roomhub.client.net;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A view-model's place in one room: joins through a {@link HubClient}, hands the frames and state
 * changes over on the view-model's executor (its UI thread), sends while joined, leaves on
 * {@link #leave()}. The join/listener/leave code every tab needs, written once.
 */
public final class RoomSubscription {

    /** A state change of the connection to {@code room}. */
    @FunctionalInterface
    public interface States {
        void changed(RoomAddress room, ConnectionState state, String detail);
    }

    private final Executor ui;
    private final Executor frameExecutor;
    private final Consumer<ServerFrame> frames;
    private final States states;
    private volatile RoomConnection connection;

    private RoomSubscription(Executor ui, Executor frameExecutor, Consumer<ServerFrame> frames, States states) {
        this.ui = ui;
        this.frameExecutor = frameExecutor;
        this.frames = frames;
        this.states = states;
    }

    /** Frames and state changes both reach the view-model on {@code ui}. */
    public static RoomSubscription onUi(Executor ui, Consumer<ServerFrame> frames, States states) {
        return new RoomSubscription(ui, ui, frames, states);
    }

    /**
     * Frames reach the view-model on the network thread, as they come (for one that queues and
     * coalesces them itself, like the charts); state changes on {@code ui}.
     */
    public static RoomSubscription framesAsTheyCome(Executor ui, Consumer<ServerFrame> frames, States states) {
        return new RoomSubscription(ui, Runnable::run, frames, states);
    }

    /**
     * Joins {@code room} over the hub client's transport (leaving the room joined before) under the
     * name {@code displayName} gives at each (re)connect.
     */
    public RoomConnection join(HubClient hub, RoomAddress room, Supplier<String> displayName) {
        leave();
        connection = hub.join(room, displayName, new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                frameExecutor.execute(() -> frames.accept(frame));
            }

            @Override
            public void onStateChanged(ConnectionState state, String detail) {
                ui.execute(() -> states.changed(room, state, detail));
            }
        });
        return connection;
    }

    /** The connection of the room joined now, or null. */
    public RoomConnection connection() {
        return connection;
    }

    /** Sends {@code frame}; false when not joined or the connection is down at the moment. */
    public boolean send(ClientFrame frame) {
        RoomConnection current = connection;
        return current != null && current.send(frame);
    }

    /** The session id the hub gave the current connection, or null. */
    public String sessionId() {
        RoomConnection current = connection;
        return current == null ? null : current.sessionId();
    }

    /** Leaves the room joined now, if any. */
    public void leave() {
        RoomConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }
}
