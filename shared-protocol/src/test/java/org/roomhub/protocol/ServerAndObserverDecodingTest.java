package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.FlowTarget;
import org.roomhub.protocol.value.RoomState;

/** What the desktop client and dashboards decode: frames from the hub and the observer stream. */
class ServerAndObserverDecodingTest {

    private static final FrameCodec CODEC = new FrameCodec();

    static Stream<Arguments> badHubFrames() {
        Function<String, Decoded<?>> server = CODEC::decodeServer;
        Function<String, Decoded<?>> observer = CODEC::decodeObserver;
        return Stream.of(
                Arguments.of("an unknown error code", server, "{\"type\":\"error\",\"code\":\"NOPE\",\"message\":\"x\",\"ts\":1}",
                        ErrorCode.INVALID_MESSAGE),
                Arguments.of("a client-only type", server, "{\"type\":\"set-pin\",\"location\":{\"lat\":1,\"lng\":2}}",
                        ErrorCode.UNKNOWN_TYPE),
                Arguments.of("a null asOf", server, "{\"type\":\"reset\",\"asOf\":null,\"ts\":1}", ErrorCode.INVALID_MESSAGE),
                Arguments.of("a pin at lat 120", server,
                        "{\"type\":\"pin-update\",\"pinId\":\"p\",\"user\":\"u\",\"location\":{\"lat\":120,\"lng\":0},\"ts\":1,\"seq\":1}",
                        ErrorCode.INVALID_MESSAGE),
                Arguments.of("an unknown room state", observer,
                        "{\"type\":\"room-state\",\"room\":\"chat/a\",\"from\":\"asleep\",\"to\":\"idle\",\"at\":1,\"ts\":1}",
                        ErrorCode.INVALID_MESSAGE),
                Arguments.of("a number for a room state", observer,
                        "{\"type\":\"room-state\",\"room\":\"chat/a\",\"from\":1,\"to\":\"idle\",\"at\":1,\"ts\":1}",
                        ErrorCode.INVALID_MESSAGE),
                Arguments.of("a flow to a number", observer,
                        "{\"type\":\"flow\",\"room\":\"chat/a\",\"from\":\"s-1\",\"to\":5,\"msgType\":\"x\",\"bytes\":1,\"at\":1,\"ts\":1}",
                        ErrorCode.INVALID_MESSAGE),
                Arguments.of("a flow to some other word", observer,
                        "{\"type\":\"flow\",\"room\":\"chat/a\",\"from\":\"s-1\",\"to\":\"everyone\",\"msgType\":\"x\",\"bytes\":1,\"at\":1,\"ts\":1}",
                        ErrorCode.INVALID_MESSAGE),
                Arguments.of("a room frame on the observer stream", observer, "{\"type\":\"pong\",\"serverTime\":1,\"ts\":1}",
                        ErrorCode.UNKNOWN_TYPE));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("badHubFrames")
    void a_bad_hub_frame_is_refused_with_the_exact_error_code(String what, Function<String, Decoded<?>> decode, String text,
            ErrorCode expected) {
        assertThat(decode.apply(text)).as(what).isInstanceOfSatisfying(Decoded.Failed.class,
                f -> assertThat(f.error().code()).as("%s: %s", what, f.error().message()).isEqualTo(expected));
    }

    @Test
    void a_frame_inside_a_parsed_polling_answer_decodes_as_its_text_would_without_being_read_again() throws Exception {
        String answer = "{\"sessionId\":\"s-1\",\"next\":3,\"messages\":["
                + "{\"type\":\"presence\",\"users\":[],\"ts\":1},"
                + "{\"type\":\"presence\",\"users\":[],\"ts\":2,\"seq\":3},"
                + "{\"type\":\"reset\",\"asOf\":null,\"ts\":1}]}";
        var messages = CODEC.mapper().readTree(answer).path("messages");

        assertThat(CODEC.decodeServer(messages.get(0))).isEqualTo(CODEC.decodeServer(messages.get(0).toString()))
                .isInstanceOfSatisfying(Decoded.Ok.class, ok -> assertThat(ok.frame()).isInstanceOf(ServerFrame.PresenceWelcome.class));
        assertThat(CODEC.decodeServer(messages.get(1)))
                .isInstanceOfSatisfying(Decoded.Ok.class, ok -> assertThat(ok.frame()).isInstanceOf(ServerFrame.PresenceUpdate.class));
        assertThat(CODEC.decodeServer(messages.get(2))).isInstanceOfSatisfying(Decoded.Failed.class,
                f -> assertThat(f.error().code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
    }

    @Test
    void a_flow_to_named_sessions_round_trips_as_a_list() throws Exception {
        String text = "{\"type\":\"flow\",\"room\":\"chat/a\",\"from\":\"room\",\"to\":[\"s-1\",\"s-2\"],\"msgType\":\"direct\","
                + "\"bytes\":64,\"at\":1,\"ts\":2}";
        Decoded<ObserverFrame> decoded = CODEC.decodeObserver(text);
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        ObserverFrame.Flow flow = (ObserverFrame.Flow) ((Decoded.Ok<ObserverFrame>) decoded).frame();
        assertThat(flow.to().isBroadcast()).isFalse();
        assertThat(flow.to()).isEqualTo(FlowTarget.to(List.of("s-1", "s-2")));
        ObjectMapper plain = new ObjectMapper();
        assertThat(plain.readTree(CODEC.write(flow))).isEqualTo(plain.readTree(text));
    }

    @Test
    void room_states_are_lower_case_on_the_wire() {
        assertThat(CODEC.write(RoomState.HIBERNATING)).isEqualTo("\"hibernating\"");
        assertThat(RoomState.fromWire("resuming")).isEqualTo(RoomState.RESUMING);
    }

    @Test
    void a_server_history_is_told_apart_by_its_fields() {
        assertThat(CODEC.decodeServer("{\"type\":\"history\",\"messages\":[],\"ts\":1}"))
                .isEqualTo(new Decoded.Ok<>(new ServerFrame.ChatHistory(List.of(), 1)));
        assertThat(CODEC.decodeServer("{\"type\":\"history\",\"name\":\"cpu\",\"points\":[[5,1.5]],\"ts\":1}"))
                .isEqualTo(new Decoded.Ok<>(new ServerFrame.MetricHistory("cpu", List.of(new ServerFrame.MetricHistory.Point(5, 1.5)), 1)));
    }
}
