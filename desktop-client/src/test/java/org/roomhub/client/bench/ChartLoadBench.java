package org.roomhub.client.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.roomhub.client.ui.metrics.MetricsView;
import org.roomhub.client.ui.metrics.MetricsViewModel;

/**
 * Issue 12's desktop load figure, a benchmark and not a test: 28 charts × 20 series (20 hosts, 28
 * metrics) fed 1,000 updates/s in total, the real {@link MetricsView} in a 1280×800 window on
 * Monocle's headless platform with software rendering. Prints frames per second and the share of
 * one core the FX application thread and the renderer thread used. Run with
 * {@code mvn -B -o -pl desktop-client -am -Pdesktop-bench test-compile -Dbench.main=org.roomhub.client.bench.ChartLoadBench}.
 */
public final class ChartLoadBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int charts = 28;
        int hosts = 20;
        int rate = 1000;
        BenchFx.headless();
        CompletableFuture<MetricsView> shown = new CompletableFuture<>();
        MetricsViewModel vm = new MetricsViewModel(Runnable::run, System::currentTimeMillis);
        CompletableFuture<Long> fxThread = new CompletableFuture<>();
        Platform.startup(() -> {
            for (int h = 0; h < hosts; h++) {
                vm.setHostSelected("h" + h, true);
            }
            MetricsView view = new MetricsView(vm);
            Stage stage = new Stage();
            Scene scene = new Scene(view, 1280, 800);
            // The app's own stylesheet, as in the real window (modena's inset scroll-pane background is drawn from a stretched image).
            scene.getStylesheets().add(MetricsView.class.getResource("/org/roomhub/client/ui/shell/app.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            fxThread.complete(Thread.currentThread().getId());
            shown.complete(view);
        });
        MetricsView view = shown.get(300, TimeUnit.SECONDS);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread feeder = new Thread(() -> {
            // Backfill a minute of history, then live points round-robin over all series.
            long now = System.currentTimeMillis();
            for (int h = 0; h < hosts; h++) {
                for (int m = 0; m < charts; m++) {
                    for (int s = 60; s > 0; s--) {
                        vm.offer("h" + h, "bench.m" + m, now - s * 1000L, value(h, m, -s));
                    }
                }
            }
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            long tick = 0;
            while (running.get()) {
                int series = (int) (tick % (hosts * charts));
                vm.offer("h" + series / charts, "bench.m" + series % charts, System.currentTimeMillis(),
                        value(series / charts, series % charts, tick / (hosts * charts)));
                tick++;
                next += period;
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        }, "bench-feeder");
        feeder.setDaemon(true);
        feeder.start();
        Thread.sleep(10_000); // warm-up: JIT, charts created
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long fx = fxThread.get();
        Map<String, Long> t0 = ProcCpu.byThread();
        long c0 = ProcCpu.processNanos();
        long fx0 = mx.getThreadCpuTime(fx);
        long applied0 = vm.pointsAppliedProperty().get();
        long[] paints0 = paints(view);
        long w0 = System.nanoTime();
        double fpsSum = 0;
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            fpsSum += view.frameStats().fps();
        }
        long w1 = System.nanoTime();
        double wall = w1 - w0;
        long fx1 = mx.getThreadCpuTime(fx);
        long c1 = ProcCpu.processNanos();
        Map<String, Long> t1 = ProcCpu.byThread();
        long applied1 = vm.pointsAppliedProperty().get();
        long[] paints1 = paints(view);
        int painted = 0;
        long paints = 0;
        for (int i = 0; i < paints1.length && i < paints0.length; i++) {
            painted += paints1[i] > paints0[i] ? 1 : 0;
            paints += paints1[i] - paints0[i];
        }
        running.set(false);
        System.out.printf(Locale.ROOT, "ChartLoadBench: %d charts × %d series, %d updates/s offered, %d s, load %s%n", charts,
                hosts, rate, seconds, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        System.out.printf(Locale.ROOT, "  applied %.0f updates/s; %.1f fps (mean of per-second readings)%n",
                (applied1 - applied0) / (wall / 1e9), fpsSum / seconds);
        System.out.printf(Locale.ROOT, "  FX application thread busy %.1f%% of a core; process %.1f%% of a core%n",
                100.0 * (fx1 - fx0) / wall, 100.0 * (c1 - c0) / wall);
        System.out.printf(Locale.ROOT, "  %d charts repainted in the window (the ones in sight), %.1f repaints/s each%n", painted,
                painted == 0 ? 0 : paints / (wall / 1e9) / painted);
        long renderer = ProcCpu.delta(t0, t1, "QuantumRenderer");
        System.out.printf(Locale.ROOT, "  renderer thread %.1f%% of a core, %.2f ms of renderer CPU per chart repaint%n",
                100.0 * renderer / wall, paints == 0 ? 0 : renderer / 1e6 / paints);
        System.out.println("  top threads: " + ProcCpu.topThreads(t0, t1, wall, 6));
        Platform.exit();
        System.exit(0);
    }

    /** Each chart's repaint count, in grid order. */
    private static long[] paints(MetricsView view) throws Exception {
        CompletableFuture<long[]> out = new CompletableFuture<>();
        Platform.runLater(() -> out.complete(view.lookupAll(".time-series-chart").stream()
                .mapToLong(c -> ((org.roomhub.client.ui.metrics.TimeSeriesChart) c).paints()).toArray()));
        return out.get(120, TimeUnit.SECONDS);
    }

    private static double value(int host, int metric, long step) {
        return 50 + 40 * Math.sin(step / 7.0 + host + metric * 0.3);
    }
}
