package org.roomhub.client.ui.architecture;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.roomhub.client.lab.InProcessHubs;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The architecture view on a real hub, for TestFX tests: before each test the real {@link ArchitectureView} and
 * its view-model go on TestFX's primary stage (Monocle when headless) and attach to a real hub on port 0 (data in
 * a fresh temporary folder, registered in-process so the lab can read its heap). After each test the view
 * detaches, the lab finishes its clean-up, the hub stops, its folder goes and the stage is cleaned up.
 * <pre>
 * class SomeTest {
 *     &#64;RegisterExtension final ArchitectureOnRealHub arch = new ArchitectureOnRealHub();
 * }</pre>
 */
public final class ArchitectureOnRealHub implements BeforeEachCallback, AfterEachCallback {

    private static final long IDLE_MILLIS = 120_000;
    /** TestFX's own stage set-up waits 10 s by default: too short on a shared machine at load 50. */
    private static final long FX_SETUP_MILLIS = 120_000;

    private ArchitectureViewModel architecture;
    private ArchitectureView view;
    private Path dataDir;
    private Hub hub;
    private HubClient client;

    private void show(Stage stage) {
        architecture = new ArchitectureViewModel(Platform::runLater, System::currentTimeMillis);
        view = new ArchitectureView(architecture);
        TestPictures.show(stage, view);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.toolkitContext().setLaunchTimeoutInMillis(FX_SETUP_MILLIS);
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(FX_SETUP_MILLIS);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(this::show);
        // Not on the FX thread: a hub starting there on a loaded machine outlasts TestFX's setup timeout.
        dataDir = Files.createTempDirectory("roomhub-arch-test");
        hub = Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(0);
        InProcessHubs.add(hub.port());
        client = new HubClient(HubEndpoint.parse(url(), null), new FrameCodec());
        WaitForAsyncUtils.asyncFx(() -> architecture.attach(client, new SessionSettings(url(), new Identity("lab-tester"), "lobby", "h"))).get();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (architecture != null && client != null) {
                WaitForAsyncUtils.asyncFx(architecture::detach).get();
                architecture.lab().awaitIdle(IDLE_MILLIS);
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (hub != null) {
                InProcessHubs.remove(hub.port());
                hub.stop();
            }
            if (dataDir != null) {
                deleteQuietly(dataDir);
            }
            FxToolkit.cleanupStages();
        }
    }

    public ArchitectureViewModel viewModel() {
        return architecture;
    }

    public ArchitectureView view() {
        return view;
    }

    /** The app's client of the hub (the one the view is attached with). */
    public HubClient client() {
        return client;
    }

    public String url() {
        return "http://127.0.0.1:" + hub.port();
    }

    /** Clicks {@code kind} once the observer reaches the hub, and waits up to {@code atMost} for a settled report. */
    public LabReport runUntilSettled(ScenarioKind kind, Duration atMost) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> architecture.reachabilityProperty().get() == Reachability.REACHABLE);
        WaitForAsyncUtils.asyncFx(() -> architecture.lab().run(kind)).get();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> report() != null && report().settled());
        return report();
    }

    /** The lab's report now, read on the FX thread. */
    public LabReport report() throws Exception {
        return fx(() -> architecture.lab().reportProperty().get());
    }

    /** Presses the lab's Stop and waits for the scenario's clean-up. */
    public void stopScenario() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> architecture.lab().stop()).get();
        architecture.lab().awaitIdle(IDLE_MILLIS);
    }

    /** The body of a GET on the hub. */
    public String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    public static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    /** Hub processes this JVM started (a lab's child hubs and cluster members) that still run. */
    public static List<ProcessHandle> childHubs() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("org.roomhub.hub.HubCommand")).toList();
    }

    /** Entries of the temp folder whose names start with {@code prefix}. */
    public static Set<Path> tempFolders(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toSet());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder: the OS cleans up what is left
        }
    }
}
