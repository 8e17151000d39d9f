package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesBufferTest {

    @Test
    void points_older_than_the_retention_are_trimmed() {
        SeriesBuffer buffer = new SeriesBuffer(10_000);
        for (int i = 0; i < 1_000; i++) {
            buffer.add(i * 100L, i);
        }
        assertThat(buffer.time(0)).isGreaterThanOrEqualTo(99_900L - 10_000 - 100 * 100);
        assertThat(buffer.time(buffer.size() - 1)).isEqualTo(99_900L);
        assertThat(buffer.latest()).isEqualTo(999);
    }

    @Test
    void the_same_time_twice_keeps_one_point_with_the_last_value() {
        SeriesBuffer buffer = new SeriesBuffer(10_000);
        buffer.add(5, 1);
        buffer.add(9, 2);
        buffer.add(5, 3);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.value(0)).isEqualTo(3);
    }
}
