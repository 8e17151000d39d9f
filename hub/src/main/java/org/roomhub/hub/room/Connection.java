package org.roomhub.hub.room;

import java.util.Optional;
import java.util.Set;
import org.roomhub.protocol.frame.ServerFrame;

/** A client connected to a room, over any transport; room code never knows which. */
public interface Connection {

    /** Most bytes an attachment may take. */
    int MAX_ATTACHMENT_BYTES = 16 * 1024;

    /** The session id the client got in {@code connected}. */
    String sessionId();

    /** The user the client authenticated as, or the name it suggested. */
    String user();

    /** The client's role: {@code viewer}, {@code member} or {@code admin}. */
    String role();

    /** {@code websocket}, {@code sse} or {@code polling}. */
    String transport();

    /** Tags given when the room accepted the connection. */
    Set<String> tags();

    /** Sends a frame to this client (after the current handler's writes are durable). */
    void send(ServerFrame frame);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);

    /** Keeps a small value with the connection, serialized as JSON (≤ 16 KiB); it survives hibernation. */
    void serializeAttachment(Object value);

    /** The attachment read back as {@code type}, if one was set. */
    <T> Optional<T> deserializeAttachment(Class<T> type);
}
