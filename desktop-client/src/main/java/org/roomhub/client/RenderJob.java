package org.roomhub.client;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.ui.common.PngWriter;
import org.roomhub.client.ui.lab.LabViewModel;

/**
 * {@code --render}: shows one view off-screen, waits until it shows live data, writes a PNG. The
 * fleet view on the app's own hub gets synthetic hosts ({@link FleetDemo}) and waits for their alerts.
 */
final class RenderJob {

    private static final long SETTLE_MILLIS = 1500;

    private final AppSession session;
    private final View view;
    private final Path out;
    private final int timeoutSeconds;
    private final boolean ownHub;
    private final ScenarioKind scenario;
    private int fleetHosts = FleetDemo.DEFAULT_HOSTS;

    RenderJob(AppSession session, View view, Path out, int timeoutSeconds, boolean ownHub, ScenarioKind scenario) {
        this.scenario = scenario;
        this.session = session;
        this.ownHub = ownHub;
        this.view = view;
        this.out = out;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** How many synthetic hosts the fleet picture shows (the eight with trouble, then quiet ones). */
    RenderJob fleetHosts(int hosts) {
        fleetHosts = Math.max(FleetDemo.DEFAULT_HOSTS, hosts);
        return this;
    }

    int run() throws Exception {
        boolean demo = view == View.FLEET && ownHub;
        CompletableFuture<DesktopApp> started = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                DesktopApp app = session.newApp();
                app.show(new Stage(), session.width(), session.height());
                app.select(view);
                if (demo) {
                    app.fleet().rules().addAll(FleetDemo.RULES);
                }
                started.complete(app);
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e); // said at once, not as a timeout
            }
        });
        DesktopApp app = started.get(Math.max(120, timeoutSeconds), TimeUnit.SECONDS); // the web view's natives load slowly on a busy machine
        // The synthetic hosts start once the app is up, so their trouble happens while it watches.
        try (FleetDemo hosts = demo ? new FleetDemo(session.hubUrl(), fleetHosts, java.time.Duration.ofMillis(500)) : null) {
            return waitAndWrite(app, demo);
        }
    }

    private int waitAndWrite(DesktopApp app, boolean demo) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        boolean live = false;
        while (!live && System.currentTimeMillis() < deadline) {
            live = onFx(() -> app.hasLiveData(view) && (!demo || demoAlertsShown(app)));
            if (!live) {
                Thread.sleep(200);
            }
        }
        if (live && scenario != null) {
            live = runScenario(app, deadline);
        }
        Thread.sleep(SETTLE_MILLIS); // let a few frames draw what arrived
        WritableImage image = onFx(() -> PngWriter.snapshot(app.root().getScene().getRoot()));
        PngWriter.write(image, out);
        if (scenario != null) {
            app.architecture().lab().stop(); // leaves the hub clean before it stops
            app.architecture().lab().awaitIdle(90_000); // a cluster's members take a while to stop
        }
        onFx(() -> {
            app.close();
            return null;
        });
        Platform.exit();
        System.out.println((live ? "wrote " : "wrote (no live data before timeout) ") + out.toAbsolutePath());
        return live ? 0 : 3;
    }

    /** Runs the lab scenario until its figures are settled; false if the deadline came first. */
    private boolean runScenario(DesktopApp app, long deadline) throws Exception {
        LabViewModel lab = app.architecture().lab();
        onFx(() -> {
            lab.run(scenario);
            return null;
        });
        while (System.currentTimeMillis() < deadline) {
            LabReport report = onFx(() -> lab.reportProperty().get());
            if (report != null && report.settled()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** The demo's three kinds of trouble fire (CPU, full disk, silence) and one alert has resolved. */
    private static boolean demoAlertsShown(DesktopApp app) {
        return app.fleet().firingProperty().get() >= 3 && app.fleet().alerts().stream().anyMatch(a -> !a.firing());
    }

    private <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(Math.max(30, timeoutSeconds), TimeUnit.SECONDS);
    }
}
