package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The charts' labels read exactly as {@code String.format} wrote them before (issue 12 took the Formatter out). */
class MetricUnitTest {

    @Test
    void fixed_decimals_are_written_as_string_format_writes_them_for_every_kind_of_value() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, -0.3,
                -0.04, 0.3, 99.95, 99.995, 1e7, 123456789.5, 1e-5, 4.35, 1023.95, Double.MAX_VALUE, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        Random random = new Random(12);
        for (int i = 0; i < 5_000; i++) {
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(14) - 4) * (random.nextInt(8) == 0 ? -1 : 1));
            values.add(Math.round(random.nextDouble() * 100_000) / 1000.0 + 0.0005 * random.nextInt(3)); // ties and near-ties
        }
        for (double v : values) {
            for (int places = 0; places <= 2; places++) {
                assertThat(MetricUnit.fixed(v, places)).as("%s to %d places", v, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
            }
        }
    }

    @Test
    void each_unit_reads_as_before() {
        assertThat(MetricUnit.PERCENT.format(42.5)).isEqualTo("43 %");
        assertThat(MetricUnit.BYTES.format(1536)).isEqualTo("1.5 KiB");
        assertThat(MetricUnit.BYTES.format(2L << 30)).isEqualTo("2 GiB");
        assertThat(MetricUnit.BYTES.format(512)).isEqualTo("512 B");
        assertThat(MetricUnit.BYTES_PER_SECOND.format(150 * 1024 * 1024)).isEqualTo("150 MiB/s");
        assertThat(MetricUnit.NONE.format(0.125)).isEqualTo("0.13");
        assertThat(MetricUnit.NONE.format(3)).isEqualTo("3");
        assertThat(MetricUnit.PERCENT.format(Double.NaN)).isEqualTo("NaN %");
    }
}
