package org.roomhub.protocol.frame;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import org.roomhub.protocol.value.FlowTarget;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;

/** Frames of the observer stream {@code /hub/events}, for dashboards such as the architecture view. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface ObserverFrame {

    /** Server time the frame was made, epoch ms. */
    long ts();

    /** First frame: every known room. */
    @JsonTypeName("hello")
    record Hello(List<RoomStats> rooms, long ts) implements ObserverFrame {}

    /** A room moved between lifecycle states. */
    @JsonTypeName("room-state")
    record RoomStateChanged(String room, RoomState from, RoomState to, long at, long ts) implements ObserverFrame {}

    /** A client joined a room. */
    @JsonTypeName("client-connected")
    record ClientConnected(String room, String sessionId, String user, String transport, long ts) implements ObserverFrame {}

    /** A client left a room. */
    @JsonTypeName("client-disconnected")
    record ClientDisconnected(String room, String sessionId, int code, String reason, long ts) implements ObserverFrame {}

    /** One frame travelled: from a session (or {@code "room"}) to sessions or the whole room. */
    @JsonTypeName("flow")
    record Flow(String room, String from, FlowTarget to, String msgType, int bytes, long at, long ts) implements ObserverFrame {}

    /** Frames were conflated or dropped for a slow consumer. */
    @JsonTypeName("dropped")
    record Dropped(String room, String sessionId, long count, String policy, long ts) implements ObserverFrame {}

    /** A client hit its rate limit. */
    @JsonTypeName("rate-limited")
    record RateLimited(String room, String sessionId, long ts) implements ObserverFrame {}

    /** A room's alarm fired. */
    @JsonTypeName("alarm")
    record Alarm(String room, long at, long ts) implements ObserverFrame {}

    /** Replaces single {@code flow} frames when they are dense: one per room per second. */
    @JsonTypeName("flow-summary")
    record FlowSummary(String room, double perSecond, Map<String, Long> byType, long ts) implements ObserverFrame {}

    /** Cluster mode: a member joined (or came back) and serves clients at {@code url}. */
    @JsonTypeName("node-up")
    record NodeUp(String node, String url, long ts) implements ObserverFrame {}

    /** Cluster mode: a member left the cluster (stopped, crashed or cut off). */
    @JsonTypeName("node-down")
    record NodeDown(String node, long ts) implements ObserverFrame {}

    /**
     * Cluster mode: a room's host changed from member {@code from} to {@code to}; {@code reason} is
     * {@code node-up}, {@code node-down} or {@code rebalance}.
     */
    @JsonTypeName("room-moved")
    record RoomMoved(String room, String from, String to, String reason, long ts) implements ObserverFrame {}
}
