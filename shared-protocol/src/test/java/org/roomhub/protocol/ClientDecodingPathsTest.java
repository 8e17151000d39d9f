package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.MetricSample;

/**
 * Client frames are read straight from their text when that can only agree with the tree path, and by the
 * tree path (which names the error) otherwise: both give the same frame for the same text.
 */
class ClientDecodingPathsTest {

    private static final FrameCodec CODEC = new FrameCodec();

    @Test
    void a_well_formed_frame_of_every_common_kind_is_read_in_one_pass() {
        assertThat(CODEC.streamed("{\"type\":\"chat-message\",\"text\":\"hi\"}")).isEqualTo(new ClientFrame.ChatMessage("hi"));
        assertThat(CODEC.streamed(" {\"type\":\"ping\",\"id\":\"a\",\"clientTime\":5}"))
                .isEqualTo(new ClientFrame.Ping(TextNode.valueOf("a"), IntNode.valueOf(5)));
        assertThat(CODEC.streamed("{\"type\":\"metric-batch\",\"points\":[{\"name\":\"cpu\",\"value\":0.5,\"ts\":1}]}"))
                .isEqualTo(new ClientFrame.MetricBatch(List.of(new MetricSample("cpu", 0.5, 1L))));
        assertThat(CODEC.streamed("{\"type\":\"clear-route\"}")).isEqualTo(new ClientFrame.ClearRoute());
    }

    @Test
    void a_type_after_the_other_fields_still_names_the_record() {
        assertThat(CODEC.decodeClient("{\"text\":\"hi\",\"type\":\"chat-message\"}"))
                .isEqualTo(new Decoded.Ok<ClientFrame>(new ClientFrame.ChatMessage("hi")));
    }

    @Test
    void a_repeated_key_counts_as_its_last_value_as_the_tree_reads_it() {
        assertThat(CODEC.streamed("{\"type\":\"chat-message\",\"text\":\"a\",\"type\":\"set-name\",\"name\":\"x\"}")).isNull();
        assertThat(CODEC.decodeClient("{\"type\":\"chat-message\",\"text\":\"a\",\"type\":\"set-name\",\"name\":\"x\"}"))
                .isEqualTo(new Decoded.Ok<ClientFrame>(new ClientFrame.SetName("x")));
        assertThat(CODEC.decodeClient("{\"type\":\"chat-message\",\"text\":\"a\",\"text\":\"b\"}"))
                .isEqualTo(new Decoded.Ok<ClientFrame>(new ClientFrame.ChatMessage("b")));
    }

    @Test
    void a_type_and_body_in_an_array_is_not_a_frame() {
        Decoded<ClientFrame> d = CODEC.decodeClient("[\"chat-message\",{\"text\":\"hi\"}]");
        assertThat(d).isInstanceOfSatisfying(Decoded.Failed.class,
                f -> assertThat(f.error().code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
    }

    @Test
    void a_bad_frame_is_answered_by_the_tree_path_with_its_error() {
        assertThat(CODEC.streamed("{\"type\":\"chat-message\",\"text\":\"\"}")).isNull();
        assertThat(CODEC.decodeClient("{\"type\":\"chat-message\",\"text\":\"\"}")).isInstanceOf(Decoded.Failed.class);
        assertThat(CODEC.streamed("{\"type\":\"no-such\"}")).isNull();
    }
}
