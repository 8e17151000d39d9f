package org.roomhub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.Presence;

/**
 * PROTOCOL.md, Frames: a {@code seq} names exactly one broadcast frame, so only broadcasts (and
 * {@code connected}, where it is the point to resume from) carry a field named {@code seq}.
 */
class OneFramePerSeqTest {

    private static final FrameCodec CODEC = new FrameCodec();

    @Test
    void only_broadcast_records_and_connected_have_a_seq_component() {
        List<String> offenders = new ArrayList<>();
        for (Class<?> record : records(ServerFrame.class)) {
            boolean hasSeq = Arrays.stream(record.getRecordComponents()).anyMatch(c -> c.getName().equals("seq"));
            boolean mayHaveSeq = ServerFrame.Broadcast.class.isAssignableFrom(record) || record == ServerFrame.Connected.class;
            if (hasSeq != mayHaveSeq) {
                offenders.add(record.getSimpleName());
            }
        }
        assertThat(offenders).as("server frames whose seq field disagrees with being a broadcast").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"presence-welcome.json", "reset.json", "snapshot.json", "history-chat.json", "map-state.json"})
    void welcome_and_reset_samples_carry_no_seq(String sample) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/frames/server/" + sample)) {
            JsonNode frame = new ObjectMapper().readTree(in);
            assertThat(frame.has("seq")).as(sample).isFalse();
        }
    }

    @Test
    void presence_decodes_as_a_broadcast_only_when_it_has_a_seq() {
        String users = "\"users\":[{\"sessionId\":\"s-1\",\"user\":\"ada\"}]";
        assertThat(CODEC.decodeServer("{\"type\":\"presence\"," + users + ",\"ts\":1,\"seq\":4}"))
                .isEqualTo(new Decoded.Ok<>(new ServerFrame.PresenceUpdate(List.of(new Presence("s-1", "ada")), 1, 4)));
        assertThat(CODEC.decodeServer("{\"type\":\"presence\"," + users + ",\"ts\":1}"))
                .isEqualTo(new Decoded.Ok<>(new ServerFrame.PresenceWelcome(List.of(new Presence("s-1", "ada")), 1)));
        assertThat(CODEC.encode(new ServerFrame.PresenceWelcome(List.of(), 1)).text()).doesNotContain("seq");
    }

    @Test
    void reset_says_as_of_which_seq_the_fresh_snapshot_is() {
        assertThat(CODEC.encode(new ServerFrame.Reset(120, 1)).text()).contains("\"asOf\":120").doesNotContain("seq");
    }

    private static List<Class<?>> records(Class<?> sealed) {
        return Stream.of(sealed.getPermittedSubclasses())
                .flatMap(c -> c.isInterface() ? records(c).stream() : Stream.of(c)).toList();
    }
}
