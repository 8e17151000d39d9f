package org.roomhub.client.net;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.roomhub.protocol.frame.ServerFrame;

/** A room listener that keeps every state with its detail, and every frame, for assertions. */
final class StateRecorder implements RoomListener {

    /** One state change as the listener was told it. */
    record Change(ConnectionState state, String detail) {}

    final List<Change> changes = new CopyOnWriteArrayList<>();
    final List<ServerFrame> frames = new CopyOnWriteArrayList<>();

    @Override
    public void onFrame(ServerFrame frame) {
        frames.add(frame);
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        changes.add(new Change(state, detail));
    }

    /** How often the connection went to {@code state}. */
    long count(ConnectionState state) {
        return changes.stream().filter(c -> c.state() == state).count();
    }

    /** The details given with {@code state}. */
    List<String> details(ConnectionState state) {
        return changes.stream().filter(c -> c.state() == state).map(Change::detail).toList();
    }
}
