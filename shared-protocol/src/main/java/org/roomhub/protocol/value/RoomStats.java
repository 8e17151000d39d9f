package org.roomhub.protocol.value;

/**
 * One room's figures, as {@code GET /api/rooms/{type}/{name}} and the observer's {@code hello} give them.
 * {@code cpuMillis}: CPU time the room's events took on its serial queue, milliseconds with a fraction, kept
 * across hibernation and restarts; 0 where the JVM cannot measure thread CPU time (additive to PROTOCOL's list).
 */
public record RoomStats(String type, String name, RoomState state, int connections, long totalConnections,
        long messagesProcessed, long errorCount, long hibernations, long lastActivity, long activeMillis,
        long hibernatedMillis, long seq, long storageBytes, double cpuMillis) {}
