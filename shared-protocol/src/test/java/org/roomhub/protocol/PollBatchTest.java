package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ServerFrame;

/** The polling envelope and the transport facts of an encoded frame (issue 11, item 3). */
class PollBatchTest {

    private final FrameCodec codec = new FrameCodec();

    @Test
    void a_poll_answer_puts_the_frames_own_text_in_the_envelope_of_protocol_md() {
        EncodedFrame connected = codec.encode(new ServerFrame.Connected("s1", "ann", "chat/lobby", 4, 10));
        EncodedFrame error = codec.encode(new ServerFrame.Error(ErrorCode.RATE_LIMIT, "slow \"down\"", 11));
        String json = new PollBatch("s1", List.of(connected, error), 2, Optional.empty()).toJson(codec.mapper());
        assertThat(json).isEqualTo("{\"sessionId\":\"s1\",\"messages\":[" + connected.text() + "," + error.text() + "],\"next\":2}");
    }

    @Test
    void the_last_answer_of_a_closed_session_says_why() {
        String json = new PollBatch("s1", List.of(), 7, Optional.of(new PollBatch.Closed(1001, "polling session \"expired\"")))
                .toJson(codec.mapper());
        assertThat(json).isEqualTo("{\"sessionId\":\"s1\",\"messages\":[],\"next\":7,"
                + "\"closed\":{\"code\":1001,\"reason\":\"polling session \\\"expired\\\"\"}}");
    }

    @Test
    void a_client_reads_a_poll_answer_decoding_each_frame_once_and_keeps_a_bad_one_as_an_error() {
        EncodedFrame connected = codec.encode(new ServerFrame.Connected("s1", "ann", "chat/lobby", 4, 10));
        String json = "{\"sessionId\":\"s1\",\"messages\":[" + connected.text() + ",{\"type\":\"nonsense\"}],\"next\":2,"
                + "\"closed\":{\"code\":1000,\"reason\":\"bye\"}}";
        PollBatch.Received got = codec.decodePoll(json).orElseThrow();
        assertThat(got.sessionId()).isEqualTo("s1");
        assertThat(got.next()).isEqualTo(2);
        assertThat(got.messages()).hasSize(2);
        assertThat(got.messages().get(0)).isEqualTo(new Decoded.Ok<>(new ServerFrame.Connected("s1", "ann", "chat/lobby", 4, 10)));
        assertThat(got.messages().get(1)).isInstanceOf(Decoded.Failed.class);
        assertThat(got.closed()).contains(new PollBatch.Closed(1000, "bye"));
    }

    @Test
    void text_that_is_no_poll_answer_is_refused_as_a_whole() {
        assertThat(codec.decodePoll("not json")).isEmpty();
        assertThat(codec.decodePoll("{\"messages\":[],\"next\":1}")).isEmpty();
    }

    @Test
    void an_encoded_metric_update_names_what_it_replaces_and_a_connected_frame_its_room_seq() {
        EncodedFrame metric = codec.encode(new ServerFrame.MetricUpdated("cpu \"total\"", 0.5, 1, 2, 9));
        assertThat(metric.conflationKey()).isEqualTo("metric-updated:cpu \"total\"");
        assertThat(metric.roomSeq()).isEqualTo(9);
        EncodedFrame connected = codec.encode(new ServerFrame.Connected("s1", "ann", "chat/lobby", 4, 10));
        assertThat(connected.conflationKey()).isNull();
        assertThat(connected.seq()).isEqualTo(-1);
        assertThat(connected.roomSeq()).isEqualTo(4);
        assertThat(codec.encode(new ServerFrame.Reset(6, 1)).roomSeq()).isEqualTo(6);
    }
}
