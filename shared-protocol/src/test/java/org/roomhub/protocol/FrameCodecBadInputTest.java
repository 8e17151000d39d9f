package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.roomhub.protocol.ErrorCode.INVALID_JSON;
import static org.roomhub.protocol.ErrorCode.INVALID_MESSAGE;
import static org.roomhub.protocol.ErrorCode.TOO_LARGE;
import static org.roomhub.protocol.ErrorCode.UNKNOWN_TYPE;

import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.Checks;

/** Whatever a client sends, the codec answers with a frame or the exact {@link ErrorCode}, never an exception. */
class FrameCodecBadInputTest {

    private static final FrameCodec CODEC = new FrameCodec();
    private static final int MAX_MESSAGE_CHARS = 200;

    private static Arguments bad(String what, String text, ErrorCode code) {
        return Arguments.of(what, text, code);
    }

    private static String nested(int depth) {
        return "{\"type\":\"ping\",\"id\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    static Stream<Arguments> badFrames() {
        String hugeInteger = "9".repeat(500);
        return Stream.of(
                // not JSON at all
                bad("truncated JSON", "{\"type\":\"chat-message\",\"text\":\"hel", INVALID_JSON),
                bad("a lone brace", "{", INVALID_JSON),
                bad("plain words", "hello", INVALID_JSON),
                bad("the empty string", "", INVALID_JSON),
                bad("blank text", "   ", INVALID_JSON),
                bad("a null text", null, INVALID_JSON),
                bad("trailing garbage after the object", "{\"type\":\"clear-route\"} garbage", INVALID_JSON),
                bad("a second object after the first", "{\"type\":\"clear-route\"}{\"type\":\"clear-route\"}", INVALID_JSON),
                bad("a trailing comma", "{\"type\":\"clear-route\",}", INVALID_JSON),
                bad("single quotes", "{'type':'clear-route'}", INVALID_JSON),
                bad("1000 levels of nesting", nested(1000), INVALID_JSON),
                bad("1000 nested arrays alone", "[".repeat(1000) + "]".repeat(1000), INVALID_JSON),

                // JSON, but not a frame object
                bad("an array", "[{\"type\":\"clear-route\"}]", INVALID_MESSAGE),
                bad("an empty object", "{}", INVALID_MESSAGE),
                bad("the JSON literal null", "null", INVALID_MESSAGE),
                bad("a bare string", "\"clear-route\"", INVALID_MESSAGE),
                bad("a bare number", "42", INVALID_MESSAGE),
                bad("a numeric type", "{\"type\":7}", INVALID_MESSAGE),
                bad("a null type", "{\"type\":null}", INVALID_MESSAGE),

                // type not accepted from a client
                bad("an unknown type", "{\"type\":\"launch-missiles\"}", UNKNOWN_TYPE),
                bad("a server-only type: pong", "{\"type\":\"pong\",\"id\":1,\"clientTime\":1,\"serverTime\":2,\"ts\":2}", UNKNOWN_TYPE),
                bad("a server-only type: metric-updated",
                        "{\"type\":\"metric-updated\",\"name\":\"cpu\",\"value\":1.5,\"timestamp\":1,\"ts\":1,\"seq\":1}", UNKNOWN_TYPE),
                bad("an observer-only type: hello", "{\"type\":\"hello\",\"rooms\":[],\"ts\":1}", UNKNOWN_TYPE),
                bad("a type in the wrong case", "{\"type\":\"Chat-Message\",\"text\":\"hi\"}", UNKNOWN_TYPE),
                bad("a huge unknown type", "{\"type\":\"" + "x".repeat(20_000) + "\"}", UNKNOWN_TYPE),
                bad("an unknown type with a lone surrogate", "{\"type\":\"x\\ud800y\"}", UNKNOWN_TYPE),
                bad("an unknown type cut inside a surrogate pair", "{\"type\":\"" + "😀".repeat(150) + "\"}", UNKNOWN_TYPE),

                // wrong field types
                bad("a string for a number", "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":\"1.5\"}", INVALID_MESSAGE),
                bad("a string for a long", "{\"type\":\"resume\",\"since\":\"5\"}", INVALID_MESSAGE),
                bad("a fraction for a long", "{\"type\":\"resume\",\"since\":5.5}", INVALID_MESSAGE),
                bad("a boolean for a number", "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":true}", INVALID_MESSAGE),
                bad("a number for text", "{\"type\":\"chat-message\",\"text\":42}", INVALID_MESSAGE),
                bad("a fraction for text", "{\"type\":\"chat-message\",\"text\":4.2}", INVALID_MESSAGE),
                bad("a boolean for text", "{\"type\":\"chat-message\",\"text\":true}", INVALID_MESSAGE),
                bad("an object for text", "{\"type\":\"chat-message\",\"text\":{\"a\":1}}", INVALID_MESSAGE),
                bad("an array for text", "{\"type\":\"chat-message\",\"text\":[\"hi\"]}", INVALID_MESSAGE),
                bad("a number for a metric name", "{\"type\":\"metric-update\",\"name\":7,\"value\":1.5}", INVALID_MESSAGE),
                bad("an object for a list", "{\"type\":\"subscribe\",\"metrics\":{\"cpu\":true}}", INVALID_MESSAGE),
                bad("a string for a list", "{\"type\":\"subscribe\",\"metrics\":\"cpu\"}", INVALID_MESSAGE),
                bad("numbers in a list of names", "{\"type\":\"subscribe\",\"metrics\":[1,2]}", INVALID_MESSAGE),
                bad("null in a list", "{\"type\":\"subscribe\",\"metrics\":[null]}", INVALID_MESSAGE),
                bad("an object for a batch", "{\"type\":\"metric-batch\",\"points\":{\"name\":\"cpu\",\"value\":1}}", INVALID_MESSAGE),
                bad("a list for a location", "{\"type\":\"set-pin\",\"location\":[48.8,2.3]}", INVALID_MESSAGE),
                bad("a string for a coordinate", "{\"type\":\"set-pin\",\"location\":{\"lat\":\"48.8\",\"lng\":2.3}}", INVALID_MESSAGE),
                bad("an object for a ping id", "{\"type\":\"ping\",\"id\":{\"a\":1},\"clientTime\":1}", INVALID_MESSAGE),
                bad("a string for a ping clientTime", "{\"type\":\"ping\",\"id\":1,\"clientTime\":\"now\"}", INVALID_MESSAGE),

                // numbers that are not finite or do not fit
                bad("NaN as a metric value", "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":NaN}", INVALID_MESSAGE),
                bad("Infinity as a metric value", "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":Infinity}", INVALID_MESSAGE),
                bad("-Infinity as a metric value", "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":-Infinity}", INVALID_MESSAGE),
                bad("NaN in a batch", "{\"type\":\"metric-batch\",\"points\":[{\"name\":\"cpu\",\"value\":NaN}]}", INVALID_MESSAGE),
                bad("NaN as a latitude", "{\"type\":\"set-pin\",\"location\":{\"lat\":NaN,\"lng\":2.3}}", INVALID_MESSAGE),
                bad("Infinity as a long", "{\"type\":\"resume\",\"since\":Infinity}", INVALID_MESSAGE),
                bad("1e400 as a metric value", "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":1e400}", INVALID_MESSAGE),
                bad("-1e400 as a longitude", "{\"type\":\"set-pin\",\"location\":{\"lat\":1,\"lng\":-1e400}}", INVALID_MESSAGE),
                bad("a 500-digit integer for a long", "{\"type\":\"resume\",\"since\":" + hugeInteger + "}", INVALID_MESSAGE),
                bad("a 500-digit integer for a metric ts",
                        "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":1.5,\"ts\":" + hugeInteger + "}", INVALID_MESSAGE),
                bad("a 500-digit integer for a metric value",
                        "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":" + hugeInteger + "}", INVALID_MESSAGE),
                bad("a negative since", "{\"type\":\"resume\",\"since\":-1}", INVALID_MESSAGE),

                // coordinates out of range
                bad("lat 91", "{\"type\":\"set-pin\",\"location\":{\"lat\":91,\"lng\":0}}", INVALID_MESSAGE),
                bad("lat -90.0001", "{\"type\":\"set-pin\",\"location\":{\"lat\":-90.0001,\"lng\":0}}", INVALID_MESSAGE),
                bad("lng -181", "{\"type\":\"set-pin\",\"location\":{\"lat\":0,\"lng\":-181}}", INVALID_MESSAGE),
                bad("lng 180.5 on a waypoint", "{\"type\":\"add-waypoint\",\"location\":{\"lat\":0,\"lng\":180.5}}", INVALID_MESSAGE),

                // missing required fields
                bad("chat-message without text", "{\"type\":\"chat-message\"}", INVALID_MESSAGE),
                bad("metric-update without value", "{\"type\":\"metric-update\",\"name\":\"cpu\"}", INVALID_MESSAGE),
                bad("metric-update without name", "{\"type\":\"metric-update\",\"value\":1.5}", INVALID_MESSAGE),
                bad("metric-batch without points", "{\"type\":\"metric-batch\"}", INVALID_MESSAGE),
                bad("a batch point without name", "{\"type\":\"metric-batch\",\"points\":[{\"value\":1.5}]}", INVALID_MESSAGE),
                bad("subscribe without metrics", "{\"type\":\"subscribe\"}", INVALID_MESSAGE),
                bad("history without seconds", "{\"type\":\"history\",\"name\":\"cpu\"}", INVALID_MESSAGE),
                bad("resume without since", "{\"type\":\"resume\"}", INVALID_MESSAGE),
                bad("set-pin without location", "{\"type\":\"set-pin\",\"label\":\"x\"}", INVALID_MESSAGE),
                bad("a location without lng", "{\"type\":\"set-pin\",\"location\":{\"lat\":1}}", INVALID_MESSAGE),
                bad("direct without to", "{\"type\":\"direct\",\"text\":\"psst\"}", INVALID_MESSAGE),
                bad("remove-pin without pinId", "{\"type\":\"remove-pin\"}", INVALID_MESSAGE),
                bad("add-waypoint without location", "{\"type\":\"add-waypoint\"}", INVALID_MESSAGE),
                bad("set-name without name", "{\"type\":\"set-name\"}", INVALID_MESSAGE),
                bad("an explicit null text", "{\"type\":\"chat-message\",\"text\":null}", INVALID_MESSAGE),

                // text and name limits
                bad("empty chat text", "{\"type\":\"chat-message\",\"text\":\"\"}", INVALID_MESSAGE),
                bad("chat text of 4001 chars", "{\"type\":\"chat-message\",\"text\":\"" + "a".repeat(4001) + "\"}", INVALID_MESSAGE),
                bad("direct text of 4001 chars", "{\"type\":\"direct\",\"to\":\"s-1\",\"text\":\"" + "a".repeat(4001) + "\"}", INVALID_MESSAGE),
                bad("a metric name of 129 chars", "{\"type\":\"metric-update\",\"name\":\"" + "m".repeat(129) + "\",\"value\":1.5}", INVALID_MESSAGE),
                bad("an empty metric name", "{\"type\":\"metric-update\",\"name\":\"\",\"value\":1.5}", INVALID_MESSAGE),
                bad("a subscribed name of 129 chars", "{\"type\":\"subscribe\",\"metrics\":[\"" + "m".repeat(129) + "\"]}", INVALID_MESSAGE),
                bad("a blank display name", "{\"type\":\"set-name\",\"name\":\"   \"}", INVALID_MESSAGE),
                bad("a history of 0 seconds", "{\"type\":\"history\",\"name\":\"cpu\",\"seconds\":0}", INVALID_MESSAGE),

                // text that is not well-formed UTF-16
                bad("an escaped lone high surrogate", "{\"type\":\"chat-message\",\"text\":\"a\\ud800b\"}", INVALID_MESSAGE),
                bad("an escaped lone low surrogate", "{\"type\":\"chat-message\",\"text\":\"a\\udc00b\"}", INVALID_MESSAGE),
                bad("a raw lone high surrogate", "{\"type\":\"chat-message\",\"text\":\"a\ud800\"}", INVALID_MESSAGE),
                bad("a raw lone low surrogate", "{\"type\":\"chat-message\",\"text\":\"\udc00b\"}", INVALID_MESSAGE),
                bad("surrogates in the wrong order", "{\"type\":\"chat-message\",\"text\":\"\\udc00\\ud800\"}", INVALID_MESSAGE),
                bad("a lone surrogate in a metric name", "{\"type\":\"metric-update\",\"name\":\"\\ud800\",\"value\":1.5}", INVALID_MESSAGE),

                // size
                bad("a 65 KiB frame", "{\"type\":\"chat-message\",\"text\":\"" + "a".repeat(65 * 1024) + "\"}", TOO_LARGE),
                bad("a 65 KiB frame that is not even JSON", "{" + "x".repeat(65 * 1024), TOO_LARGE),
                bad("64 KiB + 1 byte of 3-byte chars",
                        "{\"type\":\"chat-message\",\"text\":\"" + "€".repeat(21_840) + "\"}", TOO_LARGE));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badFrames")
    void a_bad_client_frame_is_refused_with_the_exact_error_code(String what, String text, ErrorCode expected) {
        AtomicReference<Decoded<ClientFrame>> result = new AtomicReference<>();
        assertThatCode(() -> result.set(CODEC.decodeClient(text))).as(what).doesNotThrowAnyException();

        assertThat(result.get()).as(what).isInstanceOf(Decoded.Failed.class);
        ProtocolError error = ((Decoded.Failed<ClientFrame>) result.get()).error();
        assertThat(error.code()).as("%s: %s", what, error.message()).isEqualTo(expected);
        assertThat(error.message()).as(what).isNotBlank().hasSizeLessThanOrEqualTo(MAX_MESSAGE_CHARS);
        assertThatCode(() -> Checks.wellFormed("message", error.message()))
                .as("%s: the message can be sent as UTF-8", what).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void the_server_and_observer_decoders_never_throw_either(String what, String text, ErrorCode ignored) {
        assertThatCode(() -> CODEC.decodeServer(text)).as(what).doesNotThrowAnyException();
        assertThatCode(() -> CODEC.decodeObserver(text)).as(what).doesNotThrowAnyException();
    }

    @Test
    void an_error_message_names_the_offending_field() {
        Decoded<ClientFrame> decoded = CODEC.decodeClient("{\"type\":\"set-pin\",\"location\":{\"lat\":91,\"lng\":0}}");
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Failed.class,
                f -> assertThat(f.error().message()).contains("lat"));
    }

    @Test
    void a_frame_of_exactly_64_KiB_is_accepted() {
        String head = "{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":1.5,\"pad\":\"";
        String tail = "\"}";
        String text = head + "p".repeat(FrameCodec.MAX_FRAME_BYTES - head.length() - tail.length()) + tail;
        assertThat(Utf8.length(text)).isEqualTo(FrameCodec.MAX_FRAME_BYTES);
        assertThat(CODEC.decodeClient(text)).isInstanceOf(Decoded.Ok.class);
        assertThat(CODEC.decodeClient(text.replace("\"pad\":\"", "\"pad\":\"p"))).isInstanceOfSatisfying(Decoded.Failed.class,
                f -> assertThat(f.error().code()).isEqualTo(TOO_LARGE));
    }

    @Test
    void text_at_the_limits_is_accepted() {
        assertThat(CODEC.decodeClient("{\"type\":\"chat-message\",\"text\":\"" + "a".repeat(4000) + "\"}"))
                .isInstanceOf(Decoded.Ok.class);
        // 4000 characters that are each a surrogate pair count as 4000, not 8000.
        assertThat(CODEC.decodeClient("{\"type\":\"chat-message\",\"text\":\"" + "😀".repeat(4000) + "\"}"))
                .isInstanceOf(Decoded.Ok.class);
        assertThat(CODEC.decodeClient("{\"type\":\"chat-message\",\"text\":\"\\ud83d\\ude00\"}"))
                .isEqualTo(new Decoded.Ok<>(new ClientFrame.ChatMessage("😀")));
        assertThat(CODEC.decodeClient("{\"type\":\"metric-update\",\"name\":\"" + "m".repeat(128) + "\",\"value\":-0.5}"))
                .isInstanceOf(Decoded.Ok.class);
        assertThat(CODEC.decodeClient("{\"type\":\"set-pin\",\"location\":{\"lat\":-90,\"lng\":180}}"))
                .isEqualTo(new Decoded.Ok<>(new ClientFrame.SetPin(new org.roomhub.protocol.value.GeoPoint(-90.0, 180.0), null, null)));
    }

    @Test
    void optional_fields_may_be_left_out_and_unknown_fields_are_ignored() {
        assertThat(CODEC.decodeClient("{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":2,\"extra\":[1,2]}"))
                .isEqualTo(new Decoded.Ok<>(new ClientFrame.MetricUpdate("cpu", 2.0, null)));
        assertThat(CODEC.decodeClient("{\"type\":\"ping\"}"))
                .isEqualTo(new Decoded.Ok<>(new ClientFrame.Ping(null, null)));
        assertThat(CODEC.decodeClient("{\"type\":\"subscribe\",\"metrics\":[\"*\"]}"))
                .isInstanceOfSatisfying(Decoded.Ok.class, ok -> assertThat(((ClientFrame.Subscribe) ok.frame()).all()).isTrue());
    }
}
