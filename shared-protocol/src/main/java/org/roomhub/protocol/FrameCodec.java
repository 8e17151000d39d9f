package org.roomhub.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * Turns text into typed frames and frames into text. Decoding never throws: any input yields a
 * frame or a {@link ProtocolError} with the code {@code PROTOCOL.md} names. Thread-safe; make one
 * and share it.
 */
public final class FrameCodec {

    /** Largest frame accepted or sent, in UTF-8 bytes. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private static final int MAX_NESTING = 32;
    private static final int MAX_MESSAGE_CHARS = 200;

    private final ObjectMapper mapper;
    private final FrameTypes<ClientFrame> clientTypes;
    private final FrameTypes<ServerFrame> serverTypes;
    private final FrameTypes<ObserverFrame> observerTypes;
    /**
     * One reader per frame record, made on first use: {@code treeToValue} looked the type and its root
     * deserializer up again for every frame (a tenth of a chat message's decode in the profile).
     */
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ClientFrameReader clientReader;

    /** A codec with the one mapper configuration the protocol needs. */
    public FrameCodec() {
        mapper = JsonMapper.builder()
                // NaN and Infinity parse, so the value checks can answer INVALID_MESSAGE ("must be finite").
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // That feature leaves String targets alone: a number or boolean for a text field is ill-typed too.
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        // Numbers may be as long as a frame: a huge number is then a bad value, not unparseable text.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(MAX_FRAME_BYTES + 1)
                .build());
        clientTypes = new FrameTypes<>(ClientFrame.class, Map.of());
        serverTypes = new FrameTypes<>(ServerFrame.class, Map.of(
                "history", node -> node.has("messages") ? ServerFrame.ChatHistory.class : ServerFrame.MetricHistory.class,
                // Only a broadcast copy carries seq; the welcome copy of the same frame does not.
                "presence", node -> node.has("seq") ? ServerFrame.PresenceUpdate.class : ServerFrame.PresenceWelcome.class,
                "map-state", node -> node.has("seq") ? ServerFrame.MapStateChanged.class : ServerFrame.MapState.class,
                "snapshots", node -> node.has("seq") ? ServerFrame.SnapshotsChanged.class : ServerFrame.SnapshotNames.class));
        observerTypes = new FrameTypes<>(ObserverFrame.class, Map.of());
        clientReader = new ClientFrameReader(mapper, clientTypes.records(), MAX_FRAME_BYTES / 3);
    }

    /** The configured mapper, for REST bodies built from protocol values. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Decodes a frame a client sent. */
    public Decoded<ClientFrame> decodeClient(String text) {
        ClientFrame frame = clientReader.read(text);
        return frame != null ? new Decoded.Ok<>(frame) : decode(text, clientTypes);
    }

    /** The one-pass read alone (null: the tree path would decide), for tests. */
    ClientFrame streamed(String text) {
        return clientReader.read(text);
    }

    /** Decodes a frame the hub sent to a room client. */
    public Decoded<ServerFrame> decodeServer(String text) {
        return decode(text, serverTypes);
    }

    /**
     * Decodes a frame the hub sent that is already parsed, e.g. one of the {@code messages} of a
     * polling answer: the envelope is parsed once, not each frame again from its text.
     */
    public Decoded<ServerFrame> decodeServer(JsonNode node) {
        return decode(node, serverTypes);
    }

    /** Decodes a frame of the observer stream. */
    public Decoded<ObserverFrame> decodeObserver(String text) {
        return decode(text, observerTypes);
    }

    /** Serializes a server frame once, with the facts transports need; the result can go to any number of connections. */
    public EncodedFrame encode(ServerFrame frame) {
        long seq = frame instanceof ServerFrame.Broadcast b ? b.seq() : -1;
        String text = write(frame);
        // The bytes once, here: the resume log stores them and every WebSocket recipient writes them.
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new EncodedFrame(typeName(frame), text, seq, utf8.length, conflationKey(frame), roomSeq(frame, seq), utf8);
    }

    /** Which waiting frame a newer one replaces: a metric update replaces the waiting one of the same metric. */
    private static String conflationKey(ServerFrame frame) {
        return frame instanceof ServerFrame.MetricUpdated m ? "metric-updated:" + m.name() : null;
    }

    private static long roomSeq(ServerFrame frame, long seq) {
        if (frame instanceof ServerFrame.Connected c) {
            return c.seq();
        }
        if (frame instanceof ServerFrame.Reset r) {
            return r.asOf();
        }
        return seq;
    }

    /**
     * Reads a polling answer ({@link PollBatch}), decoding each message once. Empty when the envelope
     * itself is not one (not JSON, or no {@code sessionId}, {@code messages} array and {@code next}).
     */
    public java.util.Optional<PollBatch.Received> decodePoll(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
        if (root == null || !root.path("sessionId").isTextual() || !root.path("messages").isArray() || !root.path("next").canConvertToLong()) {
            return java.util.Optional.empty();
        }
        java.util.List<Decoded<ServerFrame>> messages = new java.util.ArrayList<>();
        root.get("messages").forEach(m -> messages.add(decodeServer(m)));
        JsonNode closed = root.path("closed");
        java.util.Optional<PollBatch.Closed> end = closed.isObject()
                ? java.util.Optional.of(new PollBatch.Closed(closed.path("code").asInt(), closed.path("reason").asText("")))
                : java.util.Optional.empty();
        return java.util.Optional.of(new PollBatch.Received(root.get("sessionId").asText(), messages, root.get("next").asLong(), end));
    }

    /** Serializes any protocol value (client and observer frames, REST bodies). */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** The wire {@code type} of a frame record. */
    public static String typeName(Object frame) {
        String name = TYPE_NAMES.get(frame.getClass());
        if (name == null) {
            throw new IllegalArgumentException(frame.getClass() + " is not a frame");
        }
        return name;
    }

    /** Read once per class: an annotation lookup per encoded frame showed in the chat profile. */
    private static final ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            return name == null ? null : name.value();
        }
    };

    private <F> Decoded<F> decode(String text, FrameTypes<F> types) {
        if (text == null) {
            return failed(ErrorCode.INVALID_JSON, "empty frame");
        }
        if (text.length() > MAX_FRAME_BYTES / 3 && Utf8.length(text) > MAX_FRAME_BYTES) {
            return failed(ErrorCode.TOO_LARGE, "frame is over " + MAX_FRAME_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return failed(ErrorCode.INVALID_JSON, clean(e.getOriginalMessage()));
        }
        return decode(node, types);
    }

    private <F> Decoded<F> decode(JsonNode node, FrameTypes<F> types) {
        if (node == null || node.isMissingNode()) {
            return failed(ErrorCode.INVALID_JSON, "empty frame");
        }
        if (!node.isObject()) {
            return failed(ErrorCode.INVALID_MESSAGE, "a frame must be a JSON object");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            return failed(ErrorCode.INVALID_MESSAGE, "type is required and must be a string");
        }
        Class<? extends F> record = types.recordFor(type.asText(), node);
        if (record == null) {
            return failed(ErrorCode.UNKNOWN_TYPE, "unknown frame type: " + clean(type.asText()));
        }
        try {
            return new Decoded.Ok<>(readerFor(record).readValue(node));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return failed(ErrorCode.INVALID_MESSAGE, clean(cause.getMessage()));
        } catch (JsonMappingException e) {
            return failed(ErrorCode.INVALID_MESSAGE, describe(e));
        } catch (IOException | IllegalArgumentException e) {
            return failed(ErrorCode.INVALID_MESSAGE, clean(e.getMessage()));
        }
    }

    private ObjectReader readerFor(Class<?> record) {
        ObjectReader reader = readers.get(record);
        return reader != null ? reader : readers.computeIfAbsent(record, mapper::readerFor);
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String why = clean(e.getOriginalMessage());
        return path.isEmpty() ? why : path + ": " + why;
    }

    private static String clean(String message) {
        if (message == null) {
            return "malformed frame";
        }
        String line = message.lines().findFirst().orElse(message);
        int hint = line.indexOf(" (but ");
        if (hint > 0) {
            line = line.substring(0, hint); // Jackson's advice about its own settings means nothing to a client
        }
        return line;
    }

    private static <F> Decoded<F> failed(ErrorCode code, String message) {
        return new Decoded.Failed<>(new ProtocolError(code, capped(message)));
    }

    /**
     * The whole message, prefix included, in at most {@link #MAX_MESSAGE_CHARS} chars and encodable as
     * UTF-8: it may echo client text, so a lone surrogate there (or made by the cut) becomes U+FFFD.
     */
    private static String capped(String message) {
        boolean cut = message.length() > MAX_MESSAGE_CHARS;
        int end = cut ? MAX_MESSAGE_CHARS - 1 : message.length();
        StringBuilder out = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = message.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(message.charAt(i + 1))) {
                out.append(c).append(message.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return cut ? out.append('…').toString() : out.toString();
    }
}
