package org.roomhub.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.roomhub.hub.config.HubConfig;

/** A real hub on port 0 with its data in a temp folder, plus HTTP helpers. */
final class TestHub implements AutoCloseable {

    final Hub hub;
    final Path data;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestHub(Path data, Consumer<HubConfig> extra) {
        this.data = data;
        this.hub = Hub.create(cfg -> {
            cfg.storage.dataDir = data;
            cfg.rooms.hibernateAfter = Duration.ofSeconds(30);
            extra.accept(cfg);
        }).start(0);
    }

    static TestHub start(Path data) {
        return new TestHub(data, cfg -> {});
    }

    static TestHub start(Path data, Consumer<HubConfig> extra) {
        return new TestHub(data, extra);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + hub.port() + path);
    }

    WsClient join(String path) {
        return WsClient.connect(ws(path));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path));
    }

    @Override
    public void close() {
        hub.stop();
    }
}
