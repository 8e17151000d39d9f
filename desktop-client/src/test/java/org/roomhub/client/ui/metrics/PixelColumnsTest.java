package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PixelColumnsTest {

    @Test
    void downsampling_keeps_each_pixel_columns_min_max_and_last_value() {
        SeriesBuffer buffer = new SeriesBuffer(Long.MAX_VALUE / 4);
        Random random = new Random(12);
        for (int i = 0; i < 10_000; i++) {
            buffer.add(i * 10L, random.nextGaussian() * 100);
        }
        double plotW = 100; // 100,000 ms on 100 px: 100 points per column
        PixelColumns columns = new PixelColumns().reduce(buffer, 0, buffer.size(), 0, 100_000, plotW, 5_000);

        assertThat(columns.size()).isEqualTo(100);
        for (int c = 0; c < columns.size(); c++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = c * 100; i < (c + 1) * 100; i++) {
                min = Math.min(min, buffer.value(i));
                max = Math.max(max, buffer.value(i));
            }
            assertThat(columns.column(c)).isEqualTo(c);
            assertThat(columns.min(c)).isEqualTo(min);
            assertThat(columns.max(c)).isEqualTo(max);
            assertThat(columns.last(c)).isEqualTo(buffer.value((c + 1) * 100 - 1));
        }
    }

    @Test
    void a_gap_in_the_data_starts_a_new_line_even_within_one_column() {
        SeriesBuffer buffer = new SeriesBuffer(Long.MAX_VALUE / 4);
        buffer.add(0, 1);
        buffer.add(1_000, 2);
        buffer.add(9_000, 3); // 8 s without data: the host was down
        PixelColumns columns = new PixelColumns().reduce(buffer, 0, buffer.size(), 0, 60_000, 4, 5_000);

        assertThat(columns.size()).isEqualTo(2);
        assertThat(columns.startsLine(0)).isTrue();
        assertThat(columns.startsLine(1)).isTrue();
        assertThat(columns.column(1)).isEqualTo(columns.column(0));
        assertThat(columns.max(0)).isEqualTo(2);
        assertThat(columns.min(1)).isEqualTo(3);
    }

    @Test
    void a_buffer_counts_a_revision_for_every_point_added() {
        SeriesBuffer buffer = new SeriesBuffer(10_000);
        long before = buffer.revision();
        buffer.add(5, 1);
        buffer.add(5, 2); // same time, new value: still a change to draw
        assertThat(buffer.revision()).isEqualTo(before + 2);
    }
}
