package org.roomhub.client.net;

/**
 * How a {@link RoomConnection} reaches its room, as the connection bar offers it; every kind
 * reconnects with backoff and resumes.
 */
public enum TransportKind {
    /** One WebSocket per room; resumes with {@code ?since=}. */
    WEBSOCKET("WebSocket"),
    /** Server-Sent Events down, {@code POST …/messages} up; resumes with {@code Last-Event-ID}. */
    SSE("SSE"),
    /** HTTP long polling down, {@code POST …/messages} up; reopens with {@code after=} when its session is gone. */
    POLLING("Long polling");

    private final String label;

    TransportKind(String label) {
        this.label = label;
    }

    /** Menu text. */
    public String label() {
        return label;
    }
}
