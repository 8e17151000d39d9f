package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code roomhub-hub.jar} starts and serves rooms: catches what only the shaded jar can break. */
class HubJarIT {

    @TempDir
    Path data;

    @Test
    void the_packaged_hub_jar_serves_health_metrics_and_a_chat_room() throws Exception {
        Path jar = Path.of(System.getProperty("roomhub.hub.jar"));
        try (HubProcess hub = HubProcess.startJar(jar, data)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + hub.port;
            var health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            try (WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port + "/rooms/chat/jar"))) {
                c.send("{\"type\":\"chat-message\",\"text\":\"from the jar\"}");
                c.await("chat-message");
            }
            var metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("roomhub_wake_latency_seconds", "roomhub_frames_received_total");
        }
    }
}
