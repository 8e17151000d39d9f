package org.roomhub.client.net;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.roomhub.protocol.frame.ServerFrame;

/** A room listener that keeps every frame and state (with its detail) it is told about, for assertions. */
final class FrameRecorder implements RoomListener {

    /** One state change as the listener was told it. */
    record Change(ConnectionState state, String detail) {}

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    final List<ServerFrame> frames = new CopyOnWriteArrayList<>();
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    final List<String> details = new CopyOnWriteArrayList<>();
    final List<Change> changes = new CopyOnWriteArrayList<>();

    @Override
    public void onFrame(ServerFrame frame) {
        frames.add(frame);
    }

    @Override
    public void onStateChanged(ConnectionState state, String detail) {
        states.add(state);
        if (detail != null) {
            details.add(detail);
        }
        changes.add(new Change(state, detail));
    }

    /** How often the connection went to {@code state}. */
    long count(ConnectionState state) {
        return states.stream().filter(state::equals).count();
    }

    /** The details given with {@code state}, in order. */
    List<String> details(ConnectionState state) {
        return changes.stream().filter(c -> c.state() == state).map(Change::detail).toList();
    }

    /** Texts of the chat messages received, in arrival order. */
    List<String> chatTexts() {
        return frames.stream().filter(ServerFrame.ChatMessage.class::isInstance)
                .map(f -> ((ServerFrame.ChatMessage) f).text()).toList();
    }

    /** Frames received from index {@code from} on. */
    List<ServerFrame> since(int from) {
        return frames.subList(from, frames.size());
    }

    /** Waits until a chat message with {@code text} arrived. */
    void awaitChat(String text) {
        await().atMost(PATIENCE).until(() -> chatTexts().contains(text));
    }

    /** Waits until {@code connection} is connected and has seen the room's presence list. */
    void awaitJoined(RoomConnection connection) {
        await().atMost(PATIENCE).until(() -> connection.state() == ConnectionState.CONNECTED
                && frames.stream().anyMatch(ServerFrame.PresenceWelcome.class::isInstance));
    }
}
