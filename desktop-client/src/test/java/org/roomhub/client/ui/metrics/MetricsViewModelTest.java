package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsViewModelTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final MetricsViewModel viewModel = new MetricsViewModel(Runnable::run, now::get);

    @Test
    void queued_points_appear_only_when_the_frame_applies_them() {
        viewModel.setHostSelected("box", true);
        viewModel.offer("box", "cpu.total", now.get(), 12.5);
        assertThat(viewModel.charts()).isEmpty();

        assertThat(viewModel.applyPending()).isTrue();
        assertThat(viewModel.charts()).extracting(c -> c.spec().title()).containsExactly("CPU total");
        assertThat(viewModel.pointsAppliedProperty().get()).isEqualTo(1);
        assertThat(viewModel.applyPending()).isFalse();
    }

    @Test
    void per_core_series_share_one_chart_in_numeric_order() {
        viewModel.setHostSelected("box", true);
        for (int core : new int[] {10, 2, 1}) {
            viewModel.offer("box", "cpu.core." + core, now.get(), core);
        }
        viewModel.applyPending();
        ChartModel cores = viewModel.charts().get(0);
        assertThat(cores.spec().unit()).isEqualTo(MetricUnit.PERCENT);
        assertThat(cores.series()).extracting(SeriesModel::label).containsExactly("core 1", "core 2", "core 10");
    }

    @Test
    void backfilled_history_lands_in_time_order_before_live_points() {
        viewModel.setHostSelected("box", true);
        viewModel.offer("box", "memory.used", now.get(), 3);
        viewModel.offer("box", "memory.used", now.get() - 2000, 1);
        viewModel.offer("box", "memory.used", now.get() - 1000, 2);
        viewModel.applyPending();
        SeriesBuffer buffer = viewModel.charts().get(0).series().get(0).buffer();
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(new double[] {buffer.value(0), buffer.value(1), buffer.value(2)}).containsExactly(1, 2, 3);
    }

    @Test
    void pause_freezes_the_time_axis_while_points_keep_arriving() {
        viewModel.togglePause();
        long frozen = viewModel.viewEnd();
        now.addAndGet(5_000);
        assertThat(viewModel.viewEnd()).isEqualTo(frozen);
        viewModel.windowProperty().set(TimeWindow.ONE_MINUTE);
        assertThat(viewModel.viewStart()).isEqualTo(frozen - 60_000);
        viewModel.togglePause();
        assertThat(viewModel.viewEnd()).isEqualTo(now.get());
    }

    @Test
    void points_that_arrive_while_paused_wait_for_resume_and_the_counter_stands_still() {
        viewModel.setHostSelected("box", true);
        viewModel.offer("box", "cpu.total", now.get() - 1000, 10);
        viewModel.applyPending();
        viewModel.togglePause();
        long pausedAt = viewModel.viewEnd();
        now.addAndGet(2_000);
        viewModel.offer("box", "cpu.total", now.get(), 90);
        assertThat(viewModel.applyPending()).isFalse();
        SeriesBuffer buffer = viewModel.charts().get(0).series().get(0).buffer();
        assertThat(buffer.latestAtOrBefore(viewModel.drawUntil())).isEqualTo(10);
        assertThat(viewModel.drawUntil()).isEqualTo(pausedAt);
        assertThat(viewModel.pointsAppliedProperty().get()).isEqualTo(1);

        viewModel.togglePause();
        assertThat(viewModel.applyPending()).isTrue();
        assertThat(viewModel.pointsAppliedProperty().get()).isEqualTo(2);
        assertThat(buffer.latestAtOrBefore(viewModel.drawUntil())).isEqualTo(90);
    }

    @Test
    void a_deselected_host_loses_its_charts_and_late_points_are_dropped() {
        viewModel.setHostSelected("a", true);
        viewModel.offer("a", "load.1", now.get(), 0.5);
        viewModel.applyPending();
        viewModel.setHostSelected("a", false);
        viewModel.offer("a", "load.1", now.get(), 0.7);
        viewModel.applyPending();
        assertThat(viewModel.charts()).isEmpty();
    }

    @Test
    void units_read_like_a_person_would_write_them() {
        assertThat(MetricUnit.BYTES.format(3.5 * 1024 * 1024 * 1024)).isEqualTo("3.5 GiB");
        assertThat(MetricUnit.BYTES_PER_SECOND.format(2048)).isEqualTo("2 KiB/s");
        assertThat(MetricUnit.PERCENT.format(42.4)).isEqualTo("42 %");
    }
}
