package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/**
 * Issue 9, item 7: a room's figures only grow. {@code messages}, {@code totalConnections},
 * {@code hibernations} and {@code errorCount} carry on across hibernation and a hub restart, whether
 * the events that moved them wrote anything or not.
 */
class RoomFiguresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void a_rooms_figures_never_go_down_across_hibernation_and_a_restart() throws Exception {
        JsonNode before;
        try (WsClient chat = hub.join("/rooms/chat/figures"); WsClient metrics = hub.join("/rooms/metrics/figures")) {
            chat.await("presence");
            for (int i = 0; i < 3; i++) {
                chat.send("{\"type\":\"chat-message\",\"text\":\"hello " + i + "\"}");
            }
            chat.await("chat-message", f -> f.path("text").asText().equals("hello 2"));
            // Reads that store nothing count too.
            metrics.await("snapshot");
            metrics.send("{\"type\":\"subscribe\",\"metrics\":[\"*\"]}");
            metrics.send("{\"type\":\"history\",\"name\":\"cpu\",\"seconds\":60}");
            metrics.await("history");
            await().atMost(Duration.ofSeconds(20)).until(() -> stats(hub, "metrics/figures").path("messagesProcessed").asLong() == 2);
        }
        hub.send(hub.request("/api/rooms/chat/figures/hibernate").POST(HttpRequest.BodyPublishers.noBody()).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> stats(hub, "chat/figures").path("hibernations").asLong() >= 1);
        before = stats(hub, "chat/figures");
        assertThat(before.path("messagesProcessed").asLong()).isEqualTo(3);
        assertThat(before.path("totalConnections").asLong()).isEqualTo(1);
        hub.restart();
        JsonNode after = stats(hub, "chat/figures");
        for (String figure : new String[] {"messagesProcessed", "totalConnections", "hibernations", "errorCount"}) {
            assertThat(after.path(figure).asLong()).as(figure).isGreaterThanOrEqualTo(before.path(figure).asLong());
        }
        assertThat(after.path("messagesProcessed").asLong()).isEqualTo(3);
        assertThat(stats(hub, "metrics/figures").path("messagesProcessed").asLong()).isEqualTo(2);
        assertThat(listed(hub, "chat", "figures").path("messages").asLong()).isEqualTo(3);

        try (WsClient chat = hub.join("/rooms/chat/figures")) {
            chat.send("{\"type\":\"chat-message\",\"text\":\"again\"}");
            chat.await("chat-message", f -> f.path("text").asText().equals("again"));
        }
        JsonNode grown = stats(hub, "chat/figures");
        assertThat(grown.path("messagesProcessed").asLong()).isEqualTo(4);
        assertThat(grown.path("totalConnections").asLong()).isEqualTo(2);
    }

    private static JsonNode stats(RunningHub hub, String room) throws Exception {
        return JSON.readTree(hub.get("/api/rooms/" + room).body());
    }

    private static JsonNode listed(RunningHub hub, String type, String name) throws Exception {
        for (JsonNode r : JSON.readTree(hub.get("/api/rooms").body()).path("rooms")) {
            if (r.path("type").asText().equals(type) && r.path("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("room " + type + "/" + name + " not listed");
    }
}
