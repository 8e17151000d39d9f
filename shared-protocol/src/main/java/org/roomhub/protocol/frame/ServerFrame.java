package org.roomhub.protocol.frame;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.Checks;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Presence;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

/** Frames the hub sends to a room's clients. Every one carries {@code ts}, server epoch ms. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface ServerFrame {

    /** Server time the frame was made, epoch ms. */
    long ts();

    /** A frame a room broadcasts: it carries the room's {@code seq} and is held for {@code resume}. */
    sealed interface Broadcast extends ServerFrame {
        /** The room's sequence number of this frame. */
        long seq();
    }

    /** First frame of every session. {@code seq} is the room's latest. */
    @JsonTypeName("connected")
    record Connected(String sessionId, String user, String room, long seq, long ts) implements ServerFrame {}

    /** Answer to {@code ping}. */
    @JsonTypeName("pong")
    record Pong(JsonNode id, JsonNode clientTime, long serverTime, long ts) implements ServerFrame {}

    /**
     * The frames asked for by {@code resume} are gone; a fresh snapshot follows, as of the room's
     * {@code asOf} seq (the point to resume from next time). Not a broadcast, so no {@code seq}.
     */
    @JsonTypeName("reset")
    record Reset(long asOf, long ts) implements ServerFrame {}

    /** A refused frame or request; the connection stays open. */
    @JsonTypeName("error")
    record Error(ErrorCode code, String message, long ts) implements ServerFrame {}

    /** Someone joined the room. */
    @JsonTypeName("user-joined")
    record UserJoined(String sessionId, String user, long ts, long seq) implements Broadcast {}

    /** Someone left the room. */
    @JsonTypeName("user-left")
    record UserLeft(String sessionId, String user, long ts, long seq) implements Broadcast {}

    /**
     * Joins and leaves of a room with more than 100 connections, coalesced: at most one per 100 ms
     * (trailing edge), so filling a big room costs O(N) frames. Apply {@code joined}, then {@code left};
     * a session that joined and left within one window is in neither list.
     */
    @JsonTypeName("presence-diff")
    record PresenceDiff(List<Presence> joined, List<Presence> left, long ts, long seq) implements Broadcast {
        /** Lists are required (possibly empty). */
        public PresenceDiff {
            joined = List.copyOf(Checks.required("joined", joined));
            left = List.copyOf(Checks.required("left", left));
        }
    }

    /** A metric's new value; {@code timestamp} is the reading's time. */
    @JsonTypeName("metric-updated")
    record MetricUpdated(String name, double value, long timestamp, long ts, long seq) implements Broadcast {}

    /** Current value of every (subscribed) metric. */
    @JsonTypeName("snapshot")
    record Snapshot(Map<String, Double> metrics, long ts) implements ServerFrame {}

    /** One metric's recent history as {@code [[ts, value], …]}. */
    @JsonTypeName("history")
    record MetricHistory(String name, List<Point> points, long ts) implements ServerFrame {
        /** One {@code [ts, value]} pair. */
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        public record Point(long ts, double value) {}
    }

    /** The last messages of a chat room, oldest first. */
    @JsonTypeName("history")
    record ChatHistory(List<ChatEntry> messages, long ts) implements ServerFrame {}

    /** A line from the hub itself, such as a welcome. */
    @JsonTypeName("system")
    record SystemNotice(String text, long ts) implements ServerFrame {}

    /** A chat line, sent to everyone including its sender. */
    @JsonTypeName("chat-message")
    record ChatMessage(String id, String user, String sessionId, String text, long ts, long seq) implements Broadcast {
        /** As a stored entry. */
        public ChatEntry entry() {
            return new ChatEntry(id, user, sessionId, text, ts, seq);
        }
    }

    /** Who is in the room, broadcast when it changes other than by a join or leave (a {@code set-name}). */
    @JsonTypeName("presence")
    record PresenceUpdate(List<Presence> users, long ts, long seq) implements Broadcast {}

    /**
     * Who is in the room, as the welcome tells one joining client. The same wire type as
     * {@link PresenceUpdate} but sent to one client only, so it carries no {@code seq}: a seq names
     * exactly one broadcast frame.
     */
    @JsonTypeName("presence")
    record PresenceWelcome(List<Presence> users, long ts) implements ServerFrame {}

    /** A private line; only its addressee gets it. {@code from} is the sender's session id. */
    @JsonTypeName("direct")
    record Direct(String from, String text, long ts) implements ServerFrame {}

    /** A pin was created, moved or edited. */
    @JsonTypeName("pin-update")
    record PinUpdate(String pinId, String user, GeoPoint location, String label, String color, String note, long ts, long seq)
            implements Broadcast {
        /** The frame telling {@code pin}. */
        public PinUpdate(Pin pin, long ts, long seq) {
            this(pin.pinId(), pin.user(), pin.location(), pin.label(), pin.color(), pin.note(), ts, seq);
        }

        /** As a pin value. */
        public Pin pin() {
            return new Pin(pinId, user, location, label, color, note);
        }
    }

    /** A pin was removed. */
    @JsonTypeName("pin-removed")
    record PinRemoved(String pinId, long ts, long seq) implements Broadcast {}

    /** The shared route changed. */
    @JsonTypeName("route")
    record RouteUpdate(List<Waypoint> waypoints, GeoPoint meetingPoint, Map<String, Double> distancesKm, long ts, long seq)
            implements Broadcast {
        /** The same as a route value. */
        public Route toRoute() {
            return new Route(waypoints, meetingPoint, distancesKm);
        }
    }

    /**
     * Welcome of a map room: every pin and the route (a copy for one client: no {@code seq}), and who
     * is {@code online} in the room now (every session, the new one included), so a pin whose owner
     * left before is known offline; {@code user-joined}/{@code user-left} keep it current. An added,
     * optional field: absent (null) from a hub that does not send it, and in a restored state.
     */
    @JsonTypeName("map-state")
    record MapState(List<Pin> pins, Route route, @JsonInclude(JsonInclude.Include.NON_NULL) List<Presence> online, long ts)
            implements ServerFrame {
        /** A state that says nothing of who is online. */
        public MapState(List<Pin> pins, Route route, long ts) {
            this(pins, route, null, ts);
        }
    }

    /** A snapshot was restored: every pin and the route, broadcast to all. */
    @JsonTypeName("map-state")
    record MapStateChanged(List<Pin> pins, Route route, long ts, long seq) implements Broadcast {
        /** The same as a welcome-shaped state. */
        public MapState state() {
            return new MapState(pins, route, ts);
        }
    }

    /** Welcome of a map room: the names of its saved snapshots (a copy for one client: no {@code seq}). */
    @JsonTypeName("snapshots")
    record SnapshotNames(List<String> names, long ts) implements ServerFrame {}

    /** The set of saved snapshots changed; broadcast to all. */
    @JsonTypeName("snapshots")
    record SnapshotsChanged(List<String> names, long ts, long seq) implements Broadcast {}
}
