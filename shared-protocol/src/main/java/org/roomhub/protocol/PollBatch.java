package org.roomhub.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * One answer of HTTP polling ({@code GET /rooms/{type}/{name}/poll}, PROTOCOL.md "Sessions over SSE
 * and polling"): {@code {sessionId, messages:[…], next}}, plus {@code closed {code, reason}} once
 * the session ended. The hub builds it from frames it already encoded ({@link #toJson} writes their
 * text as is); a client reads it with {@link FrameCodec#decodePoll}, decoding each frame once.
 *
 * @param sessionId the polling session
 * @param messages the frames, oldest first
 * @param next what to pass as {@code after=} on the next call
 * @param closed present once: the session is closed and gone after this answer
 */
public record PollBatch(String sessionId, List<EncodedFrame> messages, long next, Optional<Closed> closed) {

    /** Why a polling session ended. */
    public record Closed(int code, String reason) {
        /** A null reason becomes empty. */
        public Closed {
            reason = reason == null ? "" : reason;
        }
    }

    /** A poll answer as a client decoded it: each message decoded once, a bad one as its {@link ProtocolError}. */
    public record Received(String sessionId, List<Decoded<ServerFrame>> messages, long next, Optional<Closed> closed) {}

    /** Copies the messages. */
    public PollBatch {
        Objects.requireNonNull(sessionId, "sessionId");
        messages = List.copyOf(messages);
        Objects.requireNonNull(closed, "closed");
    }

    /** The wire text: the frames' own JSON inside the envelope, not re-serialized. */
    public String toJson(ObjectMapper mapper) {
        StringWriter out = new StringWriter(256 + messages.stream().mapToInt(m -> m.text().length() + 1).sum());
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("sessionId", sessionId);
            g.writeArrayFieldStart("messages");
            for (EncodedFrame m : messages) {
                g.writeRawValue(m.text());
            }
            g.writeEndArray();
            g.writeNumberField("next", next);
            if (closed.isPresent()) {
                g.writeObjectFieldStart("closed");
                g.writeNumberField("code", closed.get().code());
                g.writeStringField("reason", closed.get().reason());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a poll answer", e);
        }
        return out.toString();
    }
}
