package org.roomhub.client.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.roomhub.client.AppUnderBench;

/**
 * Issue 12's "app at rest" figure, a benchmark and not a test: the real desktop app (its own embedded
 * hub, this machine's metrics published once a second) on Monocle's headless platform with the
 * metrics tab showing, nobody touching it. Reads this process's CPU from {@code /proc/self/stat}
 * over the window (app + embedded hub + publisher together) and per thread, and counts chart
 * repaints and scene pulses. Mode {@code floor} measures an empty 1280×800 JavaFX window the same
 * way: what any JavaFX app costs at rest here. Args: measured seconds, warm-up seconds, mode
 * ({@code app} or {@code floor}). Run with
 * {@code mvn -B -o -pl desktop-client -am -Pdesktop-bench test-compile -Dbench.main=org.roomhub.client.bench.DesktopAtRestBench -Dbench.args="60 30 app"}.
 */
public final class DesktopAtRestBench {

    public static void main(String[] given) throws Exception {
        String[] args = String.join(" ", given).trim().split("\\s+"); // the bench profile passes -Dbench.args as one argument
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        boolean floor = args.length > 2 && args[2].equals("floor");
        BenchFx.headless();
        Path data = Files.createTempDirectory("roomhub-at-rest");
        AtomicLong floorPulses = new AtomicLong();
        AppUnderBench app = floor ? null : AppUnderBench.start(data);
        if (floor) {
            CompletableFuture<Void> shown = new CompletableFuture<>();
            Platform.startup(() -> {
                Stage stage = new Stage();
                stage.setScene(new Scene(new StackPane(), 1280, 800));
                stage.getScene().addPostLayoutPulseListener(floorPulses::incrementAndGet);
                stage.show();
                shown.complete(null);
            });
            shown.get(300, TimeUnit.SECONDS);
        }
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup)); // connections, history backfill, JIT
            Map<String, Long> t0 = ProcCpu.byThread();
            long c0 = ProcCpu.processNanos();
            long p0 = floor ? 0 : app.chartPaints();
            long f0 = floor ? floorPulses.get() : app.pulses();
            long w0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long w1 = System.nanoTime();
            long c1 = ProcCpu.processNanos();
            long p1 = floor ? 0 : app.chartPaints();
            long f1 = floor ? floorPulses.get() : app.pulses();
            Map<String, Long> t1 = ProcCpu.byThread();
            double wall = w1 - w0;
            long jit = ProcCpu.delta(t0, t1, "C1 CompilerThre") + ProcCpu.delta(t0, t1, "C2 CompilerThre")
                    + ProcCpu.delta(t0, t1, "CN CompilerThre");
            System.out.printf(Locale.ROOT, "DesktopAtRestBench %s: at rest for %d s after %d s, %s charts, load %s%n",
                    floor ? "floor (empty JavaFX window)" : "app on the metrics tab", seconds, warmup,
                    floor ? "no" : String.valueOf(app.charts()), Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf(Locale.ROOT, "  process CPU %.1f%% of a core (%.1f%% without the JIT compiler threads)%n",
                    100.0 * (c1 - c0) / wall, 100.0 * (c1 - c0 - jit) / wall);
            System.out.printf(Locale.ROOT, "  %.1f chart repaints/s, %.1f scene pulses/s%n", (p1 - p0) / (wall / 1e9),
                    (f1 - f0) / (wall / 1e9));
            System.out.println("  top threads: " + ProcCpu.topThreads(t0, t1, wall, 10));
        } finally {
            if (app != null) {
                app.close();
            }
        }
        System.exit(0);
    }
}
