package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomhub.client.ui.TestPictures;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 12: the metrics view repaints only charts that are on screen and whose picture changed. */
@ExtendWith(ApplicationExtension.class)
class ChartRepaintTest {

    /** A clock that stands still, so the time axis never scrolls by itself. */
    private static final long NOW = 1_790_000_000_000L;
    private MetricsViewModel viewModel;
    private MetricsView view;

    @Start
    void start(Stage stage) {
        viewModel = new MetricsViewModel(Runnable::run, () -> NOW);
        viewModel.setHostSelected("workstation", true);
        view = new MetricsView(viewModel);
        TestPictures.show(stage, view); // 1280×800: two columns, about three rows of charts in sight
    }

    @Test
    void a_chart_that_received_no_new_points_is_not_repainted_while_another_one_is() throws Exception {
        for (int s = 60; s > 0; s--) {
            viewModel.offer("workstation", "busy", NOW - s * 1000L, s);
            viewModel.offer("workstation", "quiet", NOW - s * 1000L, s);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> paints("busy") > 0 && paints("quiet") > 0);
        awaitLoopStopped();
        long quietBefore = paints("quiet");
        long busyBefore = paints("busy");

        for (int i = 0; i < 20; i++) {
            long seen = paints("busy");
            viewModel.offer("workstation", "busy", NOW - 500 + i, i);
            await().atMost(Duration.ofSeconds(10)).until(() -> paints("busy") > seen);
        }

        assertThat(paints("busy")).isGreaterThanOrEqualTo(busyBefore + 20);
        assertThat(paints("quiet")).as("the quiet chart kept its picture").isEqualTo(quietBefore);
    }

    @Test
    void a_batch_of_points_at_rest_is_drawn_in_one_pulse_and_the_view_asks_for_no_follow_up_pulse() throws Exception {
        // Both charts exist and are painted first: a new chart rightly takes a second frame (it is painted once laid out).
        for (int s = 60; s > 0; s--) {
            viewModel.offer("workstation", "busy", NOW - s * 1000L, s);
            viewModel.offer("workstation", "quiet", NOW - s * 1000L, s);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> paints("busy") > 0 && paints("quiet") > 0);
        awaitLoopStopped();
        long seen = paints("busy");
        // Read in the pulse that draws the batch, after its frame and layout: polled later, the reading could fall
        // on the frame of the next scroll step (the axis moves every 1.25 s), which rightly runs the loop again.
        AtomicReference<Boolean> runningAfterThatPulse = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> view.getScene().addPostLayoutPulseListener(() -> {
            if (runningAfterThatPulse.get() == null && paints(charts(), "busy") > seen) {
                runningAfterThatPulse.set(view.frameLoop().running());
            }
        })).get();

        viewModel.offer("workstation", "busy", NOW - 200, 7); // one batch, as the metrics of a host arrive each second
        viewModel.offer("workstation", "quiet", NOW - 200, 7);

        await().atMost(Duration.ofSeconds(10)).until(() -> runningAfterThatPulse.get() != null);
        assertThat(runningAfterThatPulse.get()).as("the frame loop still pulsing after drawing a single batch").isFalse();
    }

    @Test
    void charts_scrolled_out_of_sight_are_painted_only_once_they_are_scrolled_into_view() throws Exception {
        for (int m = 0; m < 12; m++) {
            for (int s = 30; s > 0; s--) {
                viewModel.offer("workstation", "m" + (char) ('a' + m), NOW - s * 1000L, s * m);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> charts().size() == 12 && paints("ma") > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(paints("ml")).as("the last chart is below the viewport").isZero();

        WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.ScrollPane) view.lookup(".charts")).setVvalue(1)).get();

        await().atMost(Duration.ofSeconds(10)).until(() -> paints("ml") > 0);
    }

    /** Until the frame loop has no frame pending: the charts' first paints and any repaint after layout are done. */
    private void awaitLoopStopped() {
        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> !view.frameLoop().running()).get());
    }

    private long paints(String title) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> paints(charts(), title)).get();
    }

    private static long paints(List<TimeSeriesChart> charts, String title) {
        return charts.stream().filter(c -> c.model().spec().title().equals(title)).mapToLong(TimeSeriesChart::paints).sum();
    }

    private List<TimeSeriesChart> charts() {
        return view.lookupAll(".time-series-chart").stream().map(TimeSeriesChart.class::cast).toList();
    }
}
