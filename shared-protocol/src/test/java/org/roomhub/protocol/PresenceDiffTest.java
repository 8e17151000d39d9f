package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.Presence;

/** PROTOCOL.md, Every room: {@code presence-diff {joined, left}} is a broadcast (it carries {@code seq}). */
class PresenceDiffTest {

    private static final FrameCodec CODEC = new FrameCodec();

    @Test
    void a_presence_diff_decodes_with_both_lists_and_its_seq() {
        String text = "{\"type\":\"presence-diff\",\"joined\":[{\"sessionId\":\"s-3\",\"user\":\"cy\"}],"
                + "\"left\":[{\"sessionId\":\"s-1\",\"user\":\"ada\"}],\"ts\":5,\"seq\":21}";
        assertThat(CODEC.decodeServer(text)).isEqualTo(new Decoded.Ok<>(new ServerFrame.PresenceDiff(
                List.of(new Presence("s-3", "cy")), List.of(new Presence("s-1", "ada")), 5, 21)));
    }

    @Test
    void an_encoded_presence_diff_names_its_seq_and_keeps_empty_lists() {
        EncodedFrame encoded = CODEC.encode(new ServerFrame.PresenceDiff(List.of(new Presence("s-3", "cy")), List.of(), 5, 21));
        assertThat(encoded.type()).isEqualTo("presence-diff");
        assertThat(encoded.seq()).isEqualTo(21);
        assertThat(encoded.text()).contains("\"left\":[]").contains("\"joined\":[{\"sessionId\":\"s-3\",\"user\":\"cy\"}]");
    }

    @Test
    void a_presence_diff_without_its_lists_is_refused() {
        assertThat(CODEC.decodeServer("{\"type\":\"presence-diff\",\"joined\":[],\"ts\":5,\"seq\":21}"))
                .isInstanceOf(Decoded.Failed.class);
    }
}
