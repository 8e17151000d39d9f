package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.GeoPoint;

class EncodedFrameTest {

    private final FrameCodec codec = new FrameCodec();

    @Test
    void a_broadcast_frame_carries_its_seq() {
        EncodedFrame chat = codec.encode(new ServerFrame.ChatMessage("m-1", "ada", "s-1", "hi", 1_700_000_000_000L, 42));
        assertThat(chat.seq()).isEqualTo(42);
        assertThat(chat.type()).isEqualTo("chat-message");

        EncodedFrame pin = codec.encode(new ServerFrame.PinUpdate("p", "ada", GeoPoint.of(1, 2), null, null, null, 5, 7));
        assertThat(pin.seq()).isEqualTo(7);
        assertThat(pin.type()).isEqualTo("pin-update");
    }

    @Test
    void a_frame_that_is_not_broadcast_carries_minus_one_even_when_it_has_a_seq_field() {
        EncodedFrame connected = codec.encode(new ServerFrame.Connected("s-1", "ada", "chat/lobby", 42, 5));
        assertThat(connected.seq()).isEqualTo(-1);
        assertThat(connected.text()).contains("\"seq\":42");

        assertThat(codec.encode(new ServerFrame.Reset(9, 5)).seq()).isEqualTo(-1);
        assertThat(codec.encode(new ServerFrame.Error(ErrorCode.RATE_LIMIT, "slow down", 5)).seq()).isEqualTo(-1);
        assertThat(codec.encode(new ServerFrame.Snapshot(Map.of("cpu", 1.5), 5)).seq()).isEqualTo(-1);
        assertThat(codec.encode(new ServerFrame.ChatHistory(List.of(), 5)).seq()).isEqualTo(-1);
    }

    @Test
    void the_text_names_the_type_and_its_byte_length_counts_utf8() {
        EncodedFrame frame = codec.encode(new ServerFrame.SystemNotice("Grüße 😀", 5));
        assertThat(frame.text()).startsWith("{\"type\":\"system\"");
        assertThat(frame.byteLength()).isEqualTo(frame.text().getBytes(StandardCharsets.UTF_8).length);
        assertThat(frame.bytes()).isEqualTo(frame.text().getBytes(StandardCharsets.UTF_8));
        assertThat(frame.byteLength()).isGreaterThan(frame.text().length());
    }

    @Test
    void encoding_the_same_frame_twice_gives_the_same_text() {
        ServerFrame frame = new ServerFrame.UserJoined("s-2", "bob", 5, 3);
        assertThat(codec.encode(frame)).isEqualTo(codec.encode(frame));
    }

    @Test
    void a_chat_message_without_its_type_is_the_json_of_its_entry() throws Exception {
        ServerFrame.ChatMessage m = new ServerFrame.ChatMessage("m-1", "ada", "s-1", "hi \"there\" ü", 1_700_000_000_000L, 42);
        byte[] entry = codec.encode(m).withoutType();
        assertThat(new String(entry, StandardCharsets.UTF_8)).isEqualTo(new String(codec.mapper().writeValueAsBytes(m.entry()), StandardCharsets.UTF_8));
        assertThat(codec.mapper().readValue(entry, ChatEntry.class)).isEqualTo(m.entry());
    }

    @Test
    void a_broadcast_frame_keeps_the_bytes_it_was_encoded_to() {
        EncodedFrame chat = codec.encode(new ServerFrame.ChatMessage("m-1", "ada", "s-1", "Grüße 😀", 1, 2));
        assertThat(chat.bytes()).isSameAs(chat.bytes()).isEqualTo(chat.text().getBytes(StandardCharsets.UTF_8));
        assertThat(chat.byteLength()).isEqualTo(chat.bytes().length);
    }
}
