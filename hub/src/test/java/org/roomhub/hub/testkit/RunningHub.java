package org.roomhub.hub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.roomhub.hub.Hub;
import org.roomhub.hub.config.HubConfig;

/**
 * A real hub on a free loopback port with its data in a fresh temp folder, one per test, as a JUnit 5
 * extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * final RunningHub hub = RunningHub.onPort0().with(cfg -> cfg.rooms.hibernateAfter = Duration.ofMillis(300));
 *
 * @Test
 * void a_joining_client_is_welcomed() {
 *     try (WsClient ann = hub.join("/rooms/chat/lobby?name=ann")) {
 *         assertThat(ann.await("connected").path("user").asText()).isEqualTo("ann");
 *     }
 * }
 * }</pre>
 *
 * Before each test it makes the folder and starts the hub (unless {@link #notStarted()}); after each test
 * it stops the hub and deletes the folder. {@link #restart()} reopens the same folder, so restart tests
 * need no folder of their own.
 */
public final class RunningHub implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Consumer<HubConfig>> settings = new ArrayList<>();
    private boolean autoStart = true;
    private Path data;
    private Consumer<HubConfig> lastExtra = cfg -> {};
    private int lastPort;
    private Hub hub;

    private RunningHub() {
        // Long enough that no test sees a room hibernate unless it asks for it.
        settings.add(cfg -> cfg.rooms.hibernateAfter = Duration.ofSeconds(30));
    }

    /** A hub on port 0 with the test defaults; chain {@link #with} to change settings. */
    public static RunningHub onPort0() {
        return new RunningHub();
    }

    /** Adds a setting applied on every start, after the defaults and earlier settings. */
    public RunningHub with(Consumer<HubConfig> setting) {
        settings.add(setting);
        return this;
    }

    /** The extension makes the folder but leaves the start to the test ({@link #start(Consumer)}). */
    public RunningHub notStarted() {
        autoStart = false;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("roomhub-test-");
        if (autoStart) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
        deleteTree(data);
    }

    /** Starts the hub with the settings given so far. */
    public RunningHub start() {
        return start(cfg -> {});
    }

    /** Starts the hub with the settings given so far plus {@code extra}, for this start only. */
    public RunningHub start(Consumer<HubConfig> extra) {
        return start(0, extra);
    }

    private RunningHub start(int port, Consumer<HubConfig> extra) {
        if (hub != null) {
            throw new IllegalStateException("the hub is already running on port " + hub.port());
        }
        if (data == null) {
            throw new IllegalStateException("no data folder yet: register RunningHub with @RegisterExtension");
        }
        lastExtra = extra;
        hub = Hub.create(cfg -> {
            cfg.storage.dataDir = data;
            settings.forEach(s -> s.accept(cfg));
            extra.accept(cfg);
        }).start(port);
        lastPort = hub.port();
        return this;
    }

    /** Stops the hub (clients get 1001) and starts a new one over the same folder with the same settings. */
    public RunningHub restart() {
        stop();
        return start(lastExtra);
    }

    /**
     * After {@link #stop()}: starts again on the port the hub had, with the same settings, so clients
     * that reconnect by themselves find it (a restart as a person doing it by hand would make one).
     */
    public RunningHub startAgainOnSamePort() {
        if (lastPort == 0) {
            throw new IllegalStateException("the hub never ran");
        }
        return start(lastPort, lastExtra);
    }

    /** Stops the hub if it runs; the data folder stays until the test ends. */
    public void stop() {
        if (hub != null) {
            Hub running = hub;
            hub = null;
            running.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The running hub. */
    public Hub hub() {
        if (hub == null) {
            throw new IllegalStateException("the hub is not running");
        }
        return hub;
    }

    /** Whether the hub runs now. */
    public boolean isRunning() {
        return hub != null;
    }

    public int port() {
        return hub().port();
    }

    /** The hub's data folder. */
    public Path data() {
        return data;
    }

    /** {@code ws://127.0.0.1:port} + {@code path}. */
    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /** {@code http://127.0.0.1:port} + {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A WebSocket client connected to {@code path} (e.g. {@code /rooms/chat/lobby?user=ann}). */
    public WsClient join(String path) {
        return WsClient.connect(ws(path));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test hub's folder " + root, e);
        }
    }
}
