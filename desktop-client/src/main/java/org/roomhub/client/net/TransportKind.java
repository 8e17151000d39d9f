package org.roomhub.client.net;

/** How a {@link RoomConnection} reaches its room; every kind reconnects with backoff and resumes. */
public enum TransportKind {
    /** One WebSocket per room; resumes with {@code ?since=}. */
    WEBSOCKET,
    /** Server-Sent Events down, {@code POST …/messages} up; resumes with {@code Last-Event-ID}. */
    SSE,
    /** HTTP long polling down, {@code POST …/messages} up; reopens with {@code after=} when its session is gone. */
    POLLING
}
