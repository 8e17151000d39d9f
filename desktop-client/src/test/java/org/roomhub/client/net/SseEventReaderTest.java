package org.roomhub.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    private final SseEventReader reader = new SseEventReader();

    private List<SseEventReader.Event> read(String... lines) {
        List<SseEventReader.Event> events = new ArrayList<>();
        for (String line : lines) {
            SseEventReader.Event e = reader.line(line);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    @Test
    void a_blank_line_ends_an_event_with_its_id_type_and_data() {
        assertThat(read("id: 7", "event: chat-message", "data: {\"a\":1}", ""))
                .containsExactly(new SseEventReader.Event("7", "chat-message", "{\"a\":1}"));
    }

    @Test
    void comments_are_skipped_and_a_heartbeat_alone_makes_no_event() {
        assertThat(read(": heartbeat", "")).isEmpty();
    }

    @Test
    void several_data_lines_join_with_a_newline_and_the_id_carries_over_to_the_next_event() {
        assertThat(read("id: 3", "data:one", "data: two", "", "event: pong", "data: x", ""))
                .containsExactly(new SseEventReader.Event("3", "message", "one\ntwo"), new SseEventReader.Event("3", "pong", "x"));
    }
}
