package org.roomhub.client;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.roomhub.client.net.TransportKind;

/**
 * The whole desktop app as {@code Launcher} starts it without {@code --hub} (its own hub on loopback,
 * this machine's metrics published), shown on the metrics tab; for benchmarks in {@code client.bench}.
 */
public final class AppUnderBench implements AutoCloseable {

    private final EmbeddedHub hub;
    private final DesktopApp app;
    private final java.util.concurrent.atomic.AtomicLong pulses = new java.util.concurrent.atomic.AtomicLong();

    private AppUnderBench(EmbeddedHub hub, DesktopApp app) {
        this.hub = hub;
        this.app = app;
    }

    /** Starts the hub with data in {@code dataDir}, then the app in a 1280×800 window (toolkit must be configured). */
    public static AppUnderBench start(Path dataDir) throws Exception {
        EmbeddedHub hub = EmbeddedHub.start(dataDir);
        AppSession session = new AppSession(hub.url(), null, "bench", "lobby", TransportKind.WEBSOCKET, "bench-host", true,
                1280, 800, dataDir.toString());
        CompletableFuture<DesktopApp> shown = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                DesktopApp app = session.newApp();
                app.show(new Stage(), session.width(), session.height());
                app.select(View.METRICS);
                shown.complete(app);
            } catch (RuntimeException | Error e) {
                shown.completeExceptionally(e);
            }
        });
        AppUnderBench bench = new AppUnderBench(hub, shown.get(300, TimeUnit.SECONDS));
        Platform.runLater(() -> bench.app.root().getScene().addPostLayoutPulseListener(bench.pulses::incrementAndGet));
        return bench;
    }

    /** Repaints of all the metrics tab's charts so far. */
    public long chartPaints() throws Exception {
        CompletableFuture<Long> n = new CompletableFuture<>();
        Platform.runLater(() -> n.complete(app.root().lookupAll(".time-series-chart").stream()
                .mapToLong(c -> ((org.roomhub.client.ui.metrics.TimeSeriesChart) c).paints()).sum()));
        return n.get(120, TimeUnit.SECONDS);
    }

    /** Pulses of the window's scene so far (each pulse is a chance for the renderer to run). */
    public long pulses() {
        return pulses.get();
    }

    /** Charts the metrics tab shows now. */
    public int charts() throws Exception {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        Platform.runLater(() -> n.complete(app.metrics().charts().size()));
        return n.get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            app.close();
            closed.complete(null);
        });
        closed.get(120, TimeUnit.SECONDS);
        hub.close();
        Platform.exit();
    }
}
