package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.roomhub.protocol.frame.ObserverFrame;

/**
 * The cluster the observed hub belongs to, when it is a member: members with their state, which member
 * hosts which room, and rooms that moved recently (the diagram animates them for a few seconds). From
 * {@code GET /api/cluster}, {@code node} on {@code /api/rooms} rows (when the hub sends it) and the observer
 * frames {@code node-up}, {@code node-down}, {@code room-moved}. FX thread.
 */
final class ClusterModel {

    /** How long a move is animated. */
    static final long MOVE_MILLIS = 3_000;

    /** One member as {@code /api/cluster} lists it; {@code rooms} is how many rooms it hosts. */
    record Member(String id, String url, String state, int rooms) {}

    /** A room that moved from one member to another at {@code at} (epoch ms). */
    record Move(String room, String from, String to, String reason, long at) {}

    private final LongSupplier clock;
    private final EventLog log;
    private final List<Member> members = new ArrayList<>();
    private final Map<String, String> hosts = new HashMap<>();
    private final List<Move> moves = new ArrayList<>();
    private String self;

    ClusterModel(LongSupplier clock, EventLog log) {
        this.clock = clock;
        this.log = log;
    }

    /** Whether the observed hub is a cluster member (its {@code /api/cluster} answered). */
    boolean clustered() {
        return self != null;
    }

    /** The observed member's id, or null on a single hub. */
    String self() {
        return self;
    }

    /** Members sorted by id. */
    List<Member> members() {
        return List.copyOf(members);
    }

    /** The member hosting {@code room}, or null when not known. */
    String hostOf(String room) {
        return hosts.get(room);
    }

    /** Moves younger than {@link #MOVE_MILLIS}. */
    List<Move> recentMoves() {
        long now = clock.getAsLong();
        moves.removeIf(m -> now - m.at() > MOVE_MILLIS);
        return List.copyOf(moves);
    }

    /** A fresh answer of {@code /api/cluster}; members that changed state are said in the log. */
    void members(String self, List<Member> latest) {
        boolean first = this.self == null;
        this.self = self;
        if (first) {
            log.add(clock.getAsLong(), "This hub is member " + self + " of a cluster of " + latest.size(),
                    "GET /api/cluster: " + latest.stream().map(m -> m.id() + " " + m.state()).toList());
        } else {
            for (Member m : latest) {
                members.stream().filter(old -> old.id().equals(m.id()) && !old.state().equals(m.state())).findFirst()
                        .ifPresent(old -> log.add(clock.getAsLong(), "Member " + m.id() + " is " + m.state() + " (was " + old.state() + ")",
                                "GET /api/cluster"));
            }
        }
        members.clear();
        members.addAll(latest);
    }

    /** The observed hub is not (or no longer) a cluster member. */
    void single() {
        self = null;
        members.clear();
        hosts.clear();
        moves.clear();
    }

    /** Hosts read from {@code node} on {@code /api/rooms} rows: room key → member id. */
    void hosts(Map<String, String> roomHosts) {
        hosts.putAll(roomHosts);
    }

    /** Handles {@code node-up}, {@code node-down} and {@code room-moved}; other frames are not for this model. */
    void handle(ObserverFrame frame) {
        long now = clock.getAsLong();
        if (frame instanceof ObserverFrame.NodeUp up) {
            state(up.node(), "up", up.url());
            log.add(now, "Member " + up.node() + " joined the cluster", "node-up · " + up.url());
        } else if (frame instanceof ObserverFrame.NodeDown down) {
            state(down.node(), "down", null);
            log.add(now, "Member " + down.node() + " left the cluster (stopped or unreachable); its rooms move to the others",
                    "node-down · failure detection closes the member's socket at once, or misses its heartbeats for 6 s");
        } else if (frame instanceof ObserverFrame.RoomMoved m) {
            hosts.put(m.room(), m.to());
            moves.add(new Move(m.room(), m.from(), m.to(), m.reason(), now));
            log.add(now, m.room() + " moved from member " + m.from() + " to " + m.to() + " (" + reasonWords(m.reason()) + ")",
                    "room-moved · reason " + m.reason());
        }
    }

    private void state(String node, String state, String url) {
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.id().equals(node)) {
                members.set(i, new Member(m.id(), url == null ? m.url() : url, state, m.rooms()));
                return;
            }
        }
        if (self != null) {
            members.add(new Member(node, url == null ? "" : url, state, 0));
            members.sort(java.util.Comparator.comparing(Member::id));
        }
    }

    private static String reasonWords(String reason) {
        return switch (reason == null ? "" : reason) {
            case "node-down" -> "its host left";
            case "node-up" -> "a member joined and took it over";
            case "rebalance" -> "placement rebalanced";
            default -> reason;
        };
    }
}
