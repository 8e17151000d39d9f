package org.roomhub.hub.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A client in a room, whatever its transport: the host's record of a session the edge opened, named
 * by its id. Tags and the attachment live here, in the hub, so they survive the room's hibernation.
 * What room code sends through it goes into the current event ({@link RoomOutput}); the host never
 * holds the connection itself.
 */
public final class ClientSession implements Connection {

    private final String sessionId;
    private final String user;
    private final String role;
    private final String transport;
    private final long joinOrder;
    private final RoomOutput output;
    private final SessionPort edge;
    private final ObjectMapper mapper;
    private final long connectedAt;
    private volatile Set<String> tags = Set.of();
    private volatile byte[] attachment;
    /** The last attachment decoded as a record, with the bytes it came from (so a new attachment misses). */
    private volatile DecodedAttachment decoded;

    private record DecodedAttachment(byte[] from, Object value) {}
    private volatile boolean open = true;

    ClientSession(SessionOpen open, long joinOrder, long connectedAt, RoomOutput output, SessionPort edge, ObjectMapper mapper) {
        this.sessionId = open.sessionId();
        this.user = open.user();
        this.role = open.role();
        this.transport = open.transport();
        this.joinOrder = joinOrder;
        this.output = output;
        this.edge = edge;
        this.mapper = mapper;
        this.connectedAt = connectedAt;
    }

    /** When the session joined, epoch ms. */
    public long connectedAt() {
        return connectedAt;
    }

    /** Frames waiting to be written to the client. */
    public int queuedFrames() {
        return edge.backlog(sessionId).frames();
    }

    /** Bytes waiting to be written to the client. */
    public long queuedBytes() {
        return edge.backlog(sessionId).bytes();
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public Set<String> tags() {
        return tags;
    }

    void tag(String... newTags) {
        tags = Set.of(newTags);
    }

    long joinOrder() {
        return joinOrder;
    }

    boolean isOpen() {
        return open;
    }

    void markClosed() {
        open = false;
    }

    @Override
    public void send(ServerFrame frame) {
        output.sendFromRoom(this, frame);
    }

    @Override
    public void close(int code, String reason) {
        output.closeFromRoom(this, code, reason);
    }

    @Override
    public void serializeAttachment(Object value) {
        if (value == null) {
            attachment = null;
            return;
        }
        try {
            byte[] bytes = mapper.writeValueAsBytes(value);
            if (bytes.length > MAX_ATTACHMENT_BYTES) {
                throw new IllegalArgumentException("attachment is " + bytes.length + " bytes; at most " + MAX_ATTACHMENT_BYTES);
            }
            attachment = bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attachment cannot be serialized: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> Optional<T> deserializeAttachment(Class<T> type) {
        byte[] bytes = attachment;
        if (bytes == null) {
            return Optional.empty();
        }
        DecodedAttachment cached = decoded;
        if (cached != null && cached.from() == bytes && cached.value().getClass() == type) {
            return Optional.of(type.cast(cached.value()));
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (type.isRecord()) {
                decoded = new DecodedAttachment(bytes, value); // immutable: handed out again, not decoded per frame
            }
            return Optional.of(value);
        } catch (IOException e) {
            throw new UncheckedIOException("attachment is not a " + type.getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "session " + sessionId + " (" + user + ", " + transport() + ")";
    }
}
