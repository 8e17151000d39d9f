package org.roomhub.client.ui.architecture;

import org.roomhub.protocol.value.RoomState;

/**
 * What the hub's observer events mean, in words a newcomer reads; the technical particulars go
 * to the detail shown on hover.
 */
final class EventWords {

    private EventWords() {}

    /** A log line's words: {@code text} in the list, {@code detail} in its tooltip. */
    record Words(String text, String detail) {}

    static Words watching(int rooms) {
        return new Words("Watching the hub: " + rooms + (rooms == 1 ? " room" : " rooms"),
                "The observer stream /hub/events is connected; every room's lifecycle, client and message appears here.");
    }

    static Words stateChange(String room, RoomState from, RoomState to) {
        String text = switch (to) {
            case IDLE -> room + " is idle (nothing to do)";
            case HIBERNATING -> room + " hibernated: out of memory, its connections stay open";
            case RESUMING -> room + " is waking up from storage";
            case ACTIVE -> from == RoomState.RESUMING ? room + " woke up" : room + " is busy again";
        };
        return new Words(text, room + ": " + from.wireName() + " → " + to.wireName()
                + ". A room is active while it handles events, idle between them, hibernates after the idle delay"
                + " and is re-created from storage by the next message.");
    }

    /** Group key and text for state flips of one room between the same two states. */
    static String flipGroup(String room, RoomState a, RoomState b) {
        return "state " + room + " " + (a.compareTo(b) < 0 ? a.wireName() + "↔" + b.wireName() : b.wireName() + "↔" + a.wireName());
    }

    static String flipText(String room, RoomState a, RoomState b) {
        RoomState first = a.compareTo(b) < 0 ? a : b;
        RoomState second = first == a ? b : a;
        return room + " switched " + first.wireName() + " ↔ " + second.wireName();
    }

    static Words connected(String room, String user, String transport, String sessionId, boolean simulated) {
        return new Words(user + (simulated ? " (simulated)" : "") + " joined " + room + " over " + transport,
                "session " + sessionId + " · transport " + transport);
    }

    static Words disconnected(String room, String user, int code, String reason, String sessionId) {
        String why = switch (code) {
            case 1000 -> user + " left " + room;
            case 1001 -> user + " left " + room + " (app closed, or the hub is shutting down)";
            case 1006 -> user + "'s connection to " + room + " dropped (network)";
            case 1008 -> user + " was turned away from " + room + " (not allowed)";
            case 1009 -> user + " was disconnected from " + room + " (sent a message that is too large)";
            case 1011 -> user + " was disconnected from " + room + " (hub error)";
            case 1013 -> user + " fell behind in " + room + " and was disconnected; it catches up on reconnect";
            default -> user + " left " + room;
        };
        return new Words(why, "close code " + code + (reason == null || reason.isBlank() ? "" : " · " + reason) + " · session " + sessionId);
    }

    static Words alarm(String room) {
        boolean metrics = room.startsWith("metrics/");
        return new Words(room + (metrics ? " woke for its scheduled history trim" : " woke for a scheduled alarm"),
                metrics ? "A metrics room keeps an hour of history; an alarm wakes it every minute (even from hibernation)"
                        + " to delete older points." : "A room can set an alarm; the hub wakes the room for it, even from hibernation.");
    }

    static Words dropped(String room, String user, long count, String policy, String sessionId) {
        String what = "close".equals(policy)
                // the close policy never drops a frame for good: what was queued comes back on resume
                ? count + (count == 1 ? " frame" : " frames") + " queued for " + user + " in " + room
                        + " were let go with its 1013 close (it gets them back when it resumes)"
                : count + (count == 1 ? " update to " : " updates to ") + user + " in " + room
                        + " were skipped (it was behind; the newest values still arrive)";
        return new Words(what, "policy " + policy + " · session " + sessionId);
    }

    static Words rateLimited(String room, String user, String sessionId) {
        return new Words(user + " sent too fast in " + room + " and was slowed down", "rate limit · session " + sessionId);
    }
}
