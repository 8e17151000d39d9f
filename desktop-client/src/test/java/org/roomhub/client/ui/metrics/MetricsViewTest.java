package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomhub.client.ui.TestPictures;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MetricsViewTest {

    private MetricsViewModel viewModel;
    private MetricsView view;

    @Start
    void start(Stage stage) {
        viewModel = new MetricsViewModel(Runnable::run, System::currentTimeMillis);
        viewModel.setHostSelected("workstation", true);
        view = new MetricsView(viewModel);
        TestPictures.show(stage, view);
    }

    @Test
    void a_chart_receives_points_and_draws_them_once_per_frame() throws Exception {
        long now = System.currentTimeMillis();
        for (int s = 300; s >= 0; s--) {
            long t = now - s * 1000L;
            viewModel.offer("workstation", "cpu.total", t, 35 + 25 * Math.sin(s / 20.0));
            for (int core = 0; core < 4; core++) {
                viewModel.offer("workstation", "cpu.core." + core, t, 30 + 20 * Math.sin(s / 15.0 + core));
            }
            viewModel.offer("workstation", "memory.used", t, 6.2e9 + 3e8 * Math.sin(s / 40.0));
            viewModel.offer("workstation", "swap.used", t, 1.1e8);
            viewModel.offer("workstation", "net.in", t, 4e5 + 3e5 * Math.abs(Math.sin(s / 9.0)));
            viewModel.offer("workstation", "net.out", t, 1e5 + 8e4 * Math.abs(Math.cos(s / 7.0)));
            viewModel.offer("workstation", "disk.read", t, 2e6 * Math.abs(Math.sin(s / 13.0)));
            viewModel.offer("workstation", "disk.write", t, 9e5 * Math.abs(Math.cos(s / 11.0)));
            viewModel.offer("workstation", "load.1", t, 1.2 + Math.sin(s / 30.0));
            viewModel.offer("workstation", "load.5", t, 1.1);
            viewModel.offer("workstation", "load.15", t, 0.9);
            viewModel.offer("workstation", "jvm.heap.used", t, 1.5e8 + 5e7 * ((s % 60) / 60.0));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> viewModel.pointsAppliedProperty().get() >= 301 * 15);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.charts()).hasSize(8);
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true); // a few frames
        TestPictures.write(view, "metrics");
    }

    @Test
    void pause_freezes_lines_legend_values_axis_and_the_points_counter() throws Exception {
        long now = System.currentTimeMillis();
        for (int s = 30; s >= 1; s--) {
            viewModel.offer("workstation", "memory.used", now - s * 1000L, 2e9 + s * 1e7);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> viewModel.pointsAppliedProperty().get() == 30);
        WaitForAsyncUtils.asyncFx(viewModel::togglePause).get();
        awaitFrames();
        javafx.scene.image.Image before = chartPicture();
        String countBefore = pointsText();

        // Newer, much larger values (the axis would rescale, the legend would change) arrive while paused.
        for (int s = 0; s < 20; s++) {
            viewModel.offer("workstation", "memory.used", now + 1000L + s * 100L, 9e9 + s * 1e8);
        }
        awaitFrames();
        assertThat(samePixels(before, chartPicture())).as("the paused chart did not change").isTrue();
        assertThat(pointsText()).isEqualTo(countBefore);

        WaitForAsyncUtils.asyncFx(viewModel::togglePause).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> viewModel.pointsAppliedProperty().get() == 50);
        awaitFrames();
        assertThat(pointsText()).isNotEqualTo(countBefore);
        assertThat(samePixels(before, chartPicture())).as("resume shows what arrived").isFalse();
    }

    private static void awaitFrames() {
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private javafx.scene.image.Image chartPicture() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.lookup(".time-series-chart").snapshot(null, null)).get();
    }

    private String pointsText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.Label) view.lookup("#metrics-points")).getText()).get();
    }

    private static boolean samePixels(javafx.scene.image.Image a, javafx.scene.image.Image b) {
        int w = (int) a.getWidth();
        int h = (int) a.getHeight();
        if (w != (int) b.getWidth() || h != (int) b.getHeight()) {
            return false;
        }
        int[] pa = new int[w * h];
        int[] pb = new int[w * h];
        a.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pa, 0, w);
        b.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pb, 0, w);
        return java.util.Arrays.equals(pa, pb);
    }

    @Test
    void twenty_series_at_a_thousand_updates_per_second_keep_the_charts_drawing() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread feeder = new Thread(() -> {
            long next = System.nanoTime();
            int tick = 0;
            while (running.get()) {
                long t = System.currentTimeMillis();
                for (int s = 0; s < 20; s++) { // 20 series × 50/s = 1,000 updates/s
                    viewModel.offer("workstation", "bench." + s, t, 50 + 40 * Math.sin(tick / 10.0 + s));
                }
                tick++;
                next += 20_000_000L;
                java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        }, "feeder");
        feeder.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> viewModel.pointsAppliedProperty().get() > 5_000);
            long before = viewModel.pointsAppliedProperty().get();
            long start = System.nanoTime();
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
            double rate = (viewModel.pointsAppliedProperty().get() - before) / ((System.nanoTime() - start) / 1e9);
            FrameStats stats = view.frameStats();
            System.out.printf("metrics load: %.0f updates/s applied, %.1f fps, view work %.2f ms/frame avg, %.2f ms worst%n",
                    rate, stats.fps(), stats.averageWorkMillis(), stats.worstWorkMillis());
            // Speed is a benchmark figure (docs/performance.md), not a test verdict on a shared machine:
            // here the view must keep applying points and drawing frames under the load.
            assertThat(rate).isPositive();
            assertThat(stats.fps()).isPositive();
        } finally {
            running.set(false);
            feeder.join();
        }
    }
}
