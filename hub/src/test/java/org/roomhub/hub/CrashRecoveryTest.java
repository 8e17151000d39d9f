package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.testkit.HubProcess;
import org.roomhub.hub.testkit.WsClient;

class CrashRecoveryTest {

    @TempDir
    Path data;

    @Test
    void a_hub_killed_with_sigkill_after_n_acknowledged_chat_messages_has_all_n_after_restart() throws Exception {
        int n = 60;
        List<String> acknowledged = new ArrayList<>();
        try (HubProcess hub = HubProcess.start(data)) {
            try (WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port + "/rooms/chat/crash"))) {
                for (int i = 0; i < n; i++) {
                    String text = "message " + i;
                    c.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
                    c.await("chat-message", f -> f.path("text").asText().equals(text)); // the acknowledgement
                    acknowledged.add(text);
                }
                hub.kill9();
            }
        }
        try (HubProcess hub = HubProcess.start(data);
                WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port + "/rooms/chat/crash"))) {
            JsonNode history = c.await("history");
            List<String> texts = new ArrayList<>();
            history.path("messages").forEach(m -> texts.add(m.path("text").asText()));
            assertThat(texts).containsExactlyElementsOf(acknowledged);
            assertThat(c.await("connected").path("seq").asLong()).isGreaterThanOrEqualTo(n);
        }
    }

    @Test
    void a_hub_stopped_with_sigterm_closes_clients_with_1001_and_keeps_every_room() throws Exception {
        try (HubProcess hub = HubProcess.start(data)) {
            WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port + "/rooms/map/term"));
            c.send("{\"type\":\"set-pin\",\"location\":{\"lat\":48.85,\"lng\":2.35},\"label\":\"Paris\"}");
            c.await("pin-update");
            hub.process.destroy(); // SIGTERM
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(c.closed::isDone);
            assertThat(c.closed.join()).isEqualTo(1001);
        }
        try (HubProcess hub = HubProcess.start(data);
                WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port + "/rooms/map/term"))) {
            assertThat(c.await("map-state").path("pins").get(0).path("label").asText()).isEqualTo("Paris");
        }
    }
}
