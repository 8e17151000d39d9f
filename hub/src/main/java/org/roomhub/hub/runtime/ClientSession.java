package org.roomhub.hub.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.roomhub.hub.room.Connection;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A client in a room, whatever its transport. Tags and the attachment live here, in the hub, so
 * they survive the room's hibernation.
 */
public final class ClientSession implements Connection {

    private final String sessionId;
    private final String user;
    private final String role;
    private final long joinOrder;
    private final Outbound outbound;
    private final RoomHost host;
    private final ObjectMapper mapper;
    private final long connectedAt;
    private volatile Set<String> tags = Set.of();
    private volatile byte[] attachment;
    private volatile boolean open = true;

    ClientSession(String sessionId, String user, String role, long joinOrder, Outbound outbound, RoomHost host,
            ObjectMapper mapper) {
        this.sessionId = sessionId;
        this.user = user;
        this.role = role;
        this.joinOrder = joinOrder;
        this.outbound = outbound;
        this.host = host;
        this.mapper = mapper;
        this.connectedAt = host.now();
    }

    /** When the session joined, epoch ms. */
    public long connectedAt() {
        return connectedAt;
    }

    /** Frames waiting to be written to the client. */
    public int queuedFrames() {
        return outbound.queuedFrames();
    }

    /** Bytes waiting to be written to the client. */
    public long queuedBytes() {
        return outbound.queuedBytes();
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
        return outbound.transport();
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

    Outbound outbound() {
        return outbound;
    }

    /** The room this session is in. */
    public RoomHost host() {
        return host;
    }

    boolean isOpen() {
        return open;
    }

    void markClosed() {
        open = false;
    }

    @Override
    public void send(ServerFrame frame) {
        host.sendFromRoom(this, frame);
    }

    @Override
    public void close(int code, String reason) {
        host.closeFromRoom(this, code, reason);
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
        try {
            return Optional.of(mapper.readValue(bytes, type));
        } catch (IOException e) {
            throw new UncheckedIOException("attachment is not a " + type.getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "session " + sessionId + " (" + user + ", " + transport() + ")";
    }
}
