package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.testkit.HubProcess;
import org.roomhub.hub.testkit.WsClient;

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

    @Test
    void the_packaged_hub_jar_on_the_lan_with_a_self_signed_certificate_prints_its_fingerprint_and_keeps_metrics_for_admins()
            throws Exception {
        Path jar = Path.of(System.getProperty("roomhub.hub.jar"));
        try (HubProcess hub = HubProcess.startJar(jar, data, "--bind", "0.0.0.0", "--tls-self-signed")) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> hub.output.stream().anyMatch(l -> l.startsWith("eyJ")));
            String fingerprint = hub.output.stream().filter(l -> l.startsWith("TLS certificate SHA-256 fingerprint: "))
                    .findFirst().orElseThrow().substring("TLS certificate SHA-256 fingerprint: ".length());
            String admin = hub.output.stream().filter(l -> l.startsWith("eyJ")).findFirst().orElseThrow();
            var stored = TlsTest.read(data.resolve(org.roomhub.hub.tls.SelfSignedIdentity.CERT_FILE));
            assertThat(fingerprint).isEqualTo(org.roomhub.hub.tls.TlsIdentity.fingerprint(stored));
            assertThat(hub.output).anyMatch(l -> l.startsWith("Roomhub hub listening on https://0.0.0.0:"));
            HttpClient https = TlsTest.trusting(stored);
            String base = "https://127.0.0.1:" + hub.port;
            assertThat(https.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
            assertThat(https.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
            var scraped = https.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).header("Authorization", "Bearer " + admin).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("roomhub_");
            try (WsClient c = WsClient.connect(https, URI.create("wss://127.0.0.1:" + hub.port + "/rooms/chat/jar?token=" + admin))) {
                c.send("{\"type\":\"chat-message\",\"text\":\"over wss from the jar\"}");
                c.await("chat-message");
            }
        }
    }
}
