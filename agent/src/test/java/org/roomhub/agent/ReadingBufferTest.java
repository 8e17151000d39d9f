package org.roomhub.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.value.MetricSample;

class ReadingBufferTest {

    static ReadingBuffer.Reading reading(long ts, int points) {
        List<MetricSample> list = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            list.add(new MetricSample("m" + i, 1.0, ts));
        }
        return new ReadingBuffer.Reading(ts, list);
    }

    @Test
    void a_full_buffer_drops_the_oldest_readings_first_and_counts_them() {
        ReadingBuffer buffer = new ReadingBuffer(3, 1_000, 5_000);
        for (long ts = 1; ts <= 5; ts++) {
            buffer.add(reading(ts, 2));
        }
        assertThat(buffer.waiting()).isEqualTo(3);
        assertThat(buffer.peek().ts()).isEqualTo(3);
        assertThat(buffer.droppedReadings()).isEqualTo(2);
        assertThat(buffer.droppedPoints()).isEqualTo(4);
        assertThat(buffer.points()).isEqualTo(6);
    }

    @Test
    void the_point_cap_holds_whatever_the_reading_count() {
        ReadingBuffer buffer = new ReadingBuffer(1_000, 10, 5_000);
        for (long ts = 1; ts <= 100; ts++) {
            buffer.add(reading(ts, 4));
            assertThat(buffer.points()).isLessThanOrEqualTo(10);
        }
        assertThat(buffer.waiting()).isEqualTo(2);
        assertThat(buffer.droppedReadings()).isEqualTo(98);
    }

    @Test
    void readings_sent_within_the_replay_window_go_again_after_a_reconnect_in_their_order() {
        ReadingBuffer buffer = new ReadingBuffer(100, 1_000, 5_000);
        for (long ts = 1_000; ts <= 10_000; ts += 1_000) {
            buffer.add(reading(ts, 1));
        }
        for (int i = 0; i < 8; i++) {
            buffer.sent(buffer.peek(), 10_000);
        }
        // Sent at "10 s": readings from 5 s on stay as a safety copy; older ones are forgotten.
        assertThat(buffer.waiting()).isEqualTo(2);
        buffer.replay();
        List<Long> order = new ArrayList<>();
        while (buffer.peek() != null) {
            order.add(buffer.peek().ts());
            buffer.sent(buffer.peek(), 10_000);
        }
        assertThat(order).containsExactly(5_000L, 6_000L, 7_000L, 8_000L, 9_000L, 10_000L);
        assertThat(buffer.droppedReadings()).isZero();
    }

    @Test
    void sent_copies_make_room_before_any_unsent_reading_is_dropped() {
        ReadingBuffer buffer = new ReadingBuffer(3, 1_000, 60_000);
        buffer.add(reading(1, 1));
        buffer.add(reading(2, 1));
        buffer.sent(buffer.peek(), 2);
        buffer.sent(buffer.peek(), 2);
        buffer.add(reading(3, 1));
        buffer.add(reading(4, 1));
        buffer.add(reading(5, 1));
        assertThat(buffer.droppedReadings()).isZero();
        assertThat(buffer.waiting()).isEqualTo(3);
    }
}
