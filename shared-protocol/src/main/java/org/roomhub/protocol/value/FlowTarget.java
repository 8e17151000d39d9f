package org.roomhub.protocol.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Where a flow went: the string {@code "broadcast"}, or a list of session ids. */
public record FlowTarget(List<String> sessionIds) {

    private static final String BROADCAST = "broadcast";

    /** A broadcast to the whole room. */
    public static FlowTarget broadcast() {
        return new FlowTarget(null);
    }

    /** Frames to these sessions only. */
    public static FlowTarget to(List<String> sessionIds) {
        return new FlowTarget(List.copyOf(sessionIds));
    }

    /** Whether this went to the whole room. */
    public boolean isBroadcast() {
        return sessionIds == null;
    }

    @JsonValue
    Object wire() {
        return isBroadcast() ? BROADCAST : sessionIds;
    }

    @JsonCreator
    static FlowTarget fromWire(JsonNode node) {
        if (node.isTextual() && BROADCAST.equals(node.asText())) {
            return broadcast();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("to must be \"broadcast\" or a list of session ids");
        }
        List<String> ids = new ArrayList<>();
        node.forEach(n -> ids.add(n.asText()));
        return to(ids);
    }
}
