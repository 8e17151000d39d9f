package org.roomhub.client.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.roomhub.client.FleetDemo;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.fleet.FleetView;
import org.roomhub.client.ui.fleet.FleetViewModel;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;

/**
 * Issue 15's "stays smooth with 50 hosts", a benchmark and not a test: a real hub in this process,
 * the real {@link FleetView} in a 1280×800 window on Monocle's headless platform (software
 * rendering), first with no host (the baseline: the view idle), then with {@code N} synthetic hosts
 * ({@link FleetDemo}, real agents) publishing every second. For each phase: frames per second, the
 * view's own work per frame, and the FX application thread's and the renderer's share of one core,
 * read from {@code /proc/self/task} per thread. Run with
 * {@code mvn -B -o -pl desktop-client -am -Pdesktop-bench test-compile -Dbench.main=org.roomhub.client.bench.FleetLoadBench -Dbench.args="30 50"}.
 */
public final class FleetLoadBench {

    private static final String FX = "JavaFX Applicat"; // /proc comm names are cut at 15 characters
    private static final String RENDERER = "QuantumRenderer";

    public static void main(String[] args) throws Exception {
        // -Dbench.args="30 50" arrives as one argument
        String[] a = String.join(" ", args).trim().split("[\\s,]+");
        int seconds = a.length > 0 && !a[0].isEmpty() ? Integer.parseInt(a[0]) : 30;
        int hosts = a.length > 1 ? Integer.parseInt(a[1]) : 50;
        BenchFx.headless();
        Path data = Files.createTempDirectory("roomhub-fleet-bench");
        Hub hub = Hub.create(cfg -> cfg.storage.dataDir = data).start(0);
        String url = "http://127.0.0.1:" + hub.port();
        HubClient client = new HubClient(HubEndpoint.parse(url, null), new FrameCodec());
        FleetViewModel vm = new FleetViewModel(Platform::runLater, System::currentTimeMillis, 2_000, () -> { });
        CompletableFuture<FleetView> shown = new CompletableFuture<>();
        Platform.startup(() -> {
            FleetView view = new FleetView(vm);
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            vm.attach(client, new SessionSettings("bench", "lobby", "bench"));
            shown.complete(view);
        });
        FleetView view = shown.get(300, TimeUnit.SECONDS);
        Thread.sleep(10_000); // warm-up: JIT, first layout
        Phase idle = measure(view, seconds);
        try (FleetDemo demo = new FleetDemo(url, hosts, Duration.ofSeconds(1))) {
            System.out.println("FleetLoadBench: " + demo.hosts() + " synthetic hosts publishing");
            long until = System.currentTimeMillis() + 300_000;
            while (cards(vm) < hosts && System.currentTimeMillis() < until) {
                Thread.sleep(500);
            }
            Thread.sleep(15_000); // every card's backfill in, lines full, JIT warm
            Phase busy = measure(view, seconds);
            System.out.printf(Locale.ROOT, "FleetLoadBench: fleet view 1280×800, %d s per phase, load %s%n", seconds,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println("  " + idle.line("idle (no host) "));
            System.out.println("  " + busy.line(String.format(Locale.ROOT, "%d hosts at 1 s ", cards(vm))));
            System.out.println("  top threads with hosts: " + busy.top);
        } finally {
            Platform.exit();
            client.close();
            hub.stop();
        }
        System.exit(0);
    }

    private static int cards(FleetViewModel vm) throws Exception {
        return onFx(() -> vm.order().size()); // a starved FX thread on a loaded machine answers late
    }

    /** One measured phase. */
    private record Phase(double fps, double workMillis, double worstMillis, double fxCore, double rendererCore, double processCore, String top,
                         double drawsPerSecond) {
        String line(String name) {
            return String.format(Locale.ROOT, "%-16s %5.1f fps, view work %.2f ms/frame (worst %.1f), %.0f card draws/s, FX thread %.1f%% "
                    + "of a core, renderer %.1f%%, process %.1f%%", name, fps, workMillis, worstMillis, drawsPerSecond, fxCore, rendererCore,
                    processCore);
        }
    }

    private static Phase measure(FleetView view, int seconds) throws Exception {
        long d0 = onFx(view::cardDraws);
        Map<String, Long> t0 = ProcCpu.byThread();
        long c0 = ProcCpu.processNanos();
        long w0 = System.nanoTime();
        double fps = 0;
        double work = 0;
        double worst = 0;
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            fps += view.frameStats().fps();
            work += view.frameStats().averageWorkMillis();
            worst = Math.max(worst, view.frameStats().worstWorkMillis());
        }
        double wall = System.nanoTime() - w0;
        long c1 = ProcCpu.processNanos();
        Map<String, Long> t1 = ProcCpu.byThread();
        long d1 = onFx(view::cardDraws);
        return new Phase(fps / seconds, work / seconds, worst, share(t0, t1, FX, wall), share(t0, t1, RENDERER, wall),
                100.0 * (c1 - c0) / wall, ProcCpu.topThreads(t0, t1, wall, 6), (d1 - d0) / (wall / 1e9));
    }

    private static <T> T onFx(java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> result.complete(work.get()));
        return result.get(180, TimeUnit.SECONDS);
    }

    private static double share(Map<String, Long> before, Map<String, Long> after, String thread, double wall) {
        return 100.0 * (after.getOrDefault(thread, 0L) - before.getOrDefault(thread, 0L)) / wall;
    }
}
