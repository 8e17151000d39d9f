package org.roomhub.client;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.roomhub.client.ui.common.PngWriter;

/** {@code --render}: shows one view off-screen, waits until it shows live data, writes a PNG. */
final class RenderJob {

    private static final long SETTLE_MILLIS = 1500;

    private final AppSession session;
    private final View view;
    private final Path out;
    private final int timeoutSeconds;

    RenderJob(AppSession session, View view, Path out, int timeoutSeconds) {
        this.session = session;
        this.view = view;
        this.out = out;
        this.timeoutSeconds = timeoutSeconds;
    }

    int run() throws Exception {
        CompletableFuture<DesktopApp> started = new CompletableFuture<>();
        Platform.startup(() -> {
            DesktopApp app = session.newApp();
            app.show(new Stage(), session.width(), session.height());
            app.select(view);
            started.complete(app);
        });
        // On a loaded machine the app (WebView, first natives unpack) may take longer than 30 s to start: --timeout covers it too.
        DesktopApp app = started.get(Math.max(30, timeoutSeconds), TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        boolean live = false;
        while (!live && System.currentTimeMillis() < deadline) {
            live = onFx(() -> app.hasLiveData(view));
            if (!live) {
                Thread.sleep(200);
            }
        }
        Thread.sleep(SETTLE_MILLIS); // let a few frames draw what arrived
        WritableImage image = onFx(() -> PngWriter.snapshot(app.root().getScene().getRoot()));
        PngWriter.write(image, out);
        onFx(() -> {
            app.close();
            return null;
        });
        Platform.exit();
        System.out.println((live ? "wrote " : "wrote (no live data before timeout) ") + out.toAbsolutePath());
        return live ? 0 : 3;
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
