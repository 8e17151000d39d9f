package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.roomhub.protocol.value.RoomState;

/** A room as the diagram draws it: figures plus its recent state changes for the timeline. FX thread. */
public final class RoomNode {

    /** The room was in {@code state} from {@code since} (epoch ms). */
    public record StateSpan(RoomState state, long since) {}

    private static final int MAX_SPANS = 200;

    private final String key;
    private RoomState state;
    private int connections;
    private long messages;
    private long hibernations;
    private final List<StateSpan> spans = new ArrayList<>();

    RoomNode(String key, RoomState state, long since) {
        this.key = key;
        this.state = state;
        spans.add(new StateSpan(state, since));
    }

    /** {@code type/name}. */
    public String key() {
        return key;
    }

    /** The room type. */
    public String type() {
        return key.substring(0, key.indexOf('/'));
    }

    /** Current state. */
    public RoomState state() {
        return state;
    }

    /** Open connections as last reported. */
    public int connections() {
        return connections;
    }

    /** Messages processed. */
    public long messages() {
        return messages;
    }

    /** Times hibernated. */
    public long hibernations() {
        return hibernations;
    }

    /** State history, oldest first. */
    public List<StateSpan> spans() {
        return Collections.unmodifiableList(spans);
    }

    void moveTo(RoomState next, long at) {
        if (next == state) {
            return;
        }
        if (next == RoomState.HIBERNATING) {
            hibernations++;
        }
        state = next;
        spans.add(new StateSpan(next, at));
        if (spans.size() > MAX_SPANS) {
            spans.remove(0);
        }
    }

    void figures(int connections, long messages, long hibernations) {
        this.connections = connections;
        this.messages = Math.max(this.messages, messages); // a figure that only grows never shows going down
        this.hibernations = Math.max(this.hibernations, hibernations);
    }

    void connectionsDelta(int delta) {
        connections = Math.max(0, connections + delta);
    }

    void countMessage() {
        messages++;
    }
}
