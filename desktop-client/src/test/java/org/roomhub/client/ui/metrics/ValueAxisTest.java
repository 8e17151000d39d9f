package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueAxisTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void a_memory_axis_ticks_in_whole_gibibytes() {
        ValueAxis axis = ValueAxis.fit(MetricUnit.BYTES, 4.1 * GIB, Double.NaN);
        assertThat(axis.step()).isEqualTo(1 * GIB);
        assertThat(axis.max()).isEqualTo(5 * GIB);
        assertThat(MetricUnit.BYTES.format(axis.step() * 2)).isEqualTo("2 GiB");
    }

    @Test
    void an_all_zero_byte_series_gets_whole_byte_ticks_that_never_repeat() {
        ValueAxis axis = ValueAxis.fit(MetricUnit.BYTES, 0, Double.NaN);
        assertThat(axis.step()).isEqualTo(1);
        assertThat(axis.ticks()).isPositive();
    }

    @Test
    void plain_numbers_get_one_two_five_steps() {
        ValueAxis axis = ValueAxis.fit(MetricUnit.NONE, 6.92, Double.NaN);
        assertThat(axis.step()).isEqualTo(2);
        assertThat(axis.max()).isEqualTo(8);
        assertThat(MetricUnit.NONE.format(4)).isEqualTo("4");
    }

    @Test
    void a_fixed_percent_axis_keeps_its_quarters() {
        ValueAxis axis = ValueAxis.fit(MetricUnit.PERCENT, 37, 100);
        assertThat(axis.max()).isEqualTo(100);
        assertThat(axis.ticks()).isEqualTo(4);
    }
}
