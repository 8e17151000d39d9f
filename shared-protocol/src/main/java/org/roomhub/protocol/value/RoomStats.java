package org.roomhub.protocol.value;

/** One room's figures, as {@code GET /api/rooms/{type}/{name}} and the observer's {@code hello} give them. */
public record RoomStats(String type, String name, RoomState state, int connections, long totalConnections,
        long messagesProcessed, long errorCount, long hibernations, long lastActivity, long activeMillis,
        long hibernatedMillis, long seq, long storageBytes) {}
