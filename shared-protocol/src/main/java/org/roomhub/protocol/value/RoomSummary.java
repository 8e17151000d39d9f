package org.roomhub.protocol.value;

/** One row of {@code GET /api/rooms}. */
public record RoomSummary(String type, String name, RoomState state, int connections, long messages,
        long hibernations, long lastActivity) {

    /** The summary of full stats. */
    public static RoomSummary of(RoomStats s) {
        return new RoomSummary(s.type(), s.name(), s.state(), s.connections(), s.messagesProcessed(),
                s.hibernations(), s.lastActivity());
    }
}
