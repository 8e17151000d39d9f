package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;

/**
 * A room that hibernates while the hub runs, with nobody in it, goes back to the compact dormant form a room
 * found at start has (issue 12: ≤ 1 KB per hibernated room): listed with its figures, woken with its data.
 */
class QuietRoomsGoDormantTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    private void chat(String room, String text) {
        try (WsClient c = hub.join("/rooms/" + room)) {
            c.await("presence");
            c.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
            c.await("chat-message", f -> f.path("text").asText().equals(text));
        }
    }

    private void hibernate(String room) {
        var answer = hub.send(hub.request("/api/rooms/" + room + "/hibernate").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
    }

    private RoomStats stats(String room) {
        return hub.hub().registry().find(RoomAddress.parse(room)).orElseThrow().stats();
    }

    private JsonNode listed(String room) throws Exception {
        for (JsonNode r : JSON.readTree(hub.get("/api/rooms").body()).path("rooms")) {
            if ((r.path("type").asText() + "/" + r.path("name").asText()).equals(room)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void an_empty_room_that_hibernates_is_held_dormant_listed_with_its_figures_and_woken_with_its_history() throws Exception {
        chat("chat/quiet", "said once");
        chat("chat/quiet", "said twice");
        await().atMost(Duration.ofSeconds(10)).until(() -> stats("chat/quiet").connections() == 0);
        RoomStats before = stats("chat/quiet");

        hibernate("chat/quiet");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().registry().dormantCount() == 1);

        JsonNode row = listed("chat/quiet");
        assertThat(row).isNotNull();
        assertThat(row.path("state").asText()).isEqualTo("hibernating");
        assertThat(row.path("messages").asLong()).isEqualTo(before.messagesProcessed());
        assertThat(hub.hub().registry().dormantCount()).as("listing builds no host").isEqualTo(1);

        try (WsClient c = hub.join("/rooms/chat/quiet")) {
            assertThat(c.await("connected").path("seq").asLong()).as("seq goes on from where it was").isEqualTo(before.seq());
            List<String> texts = c.await("history").path("messages").findValuesAsText("text");
            assertThat(texts).containsSubsequence("said once", "said twice");
            c.send("{\"type\":\"chat-message\",\"text\":\"said again\"}");
            c.await("chat-message", f -> f.path("text").asText().equals("said again"));
        }
        RoomStats woken = stats("chat/quiet");
        assertThat(woken.totalConnections()).isEqualTo(before.totalConnections() + 1);
        assertThat(woken.messagesProcessed()).isEqualTo(before.messagesProcessed() + 1);
        assertThat(woken.hibernations()).isEqualTo(before.hibernations() + 1);
        assertThat(hub.hub().registry().dormantCount()).isZero();
    }

    @Test
    void a_hibernated_room_with_a_client_in_it_keeps_its_host_and_the_client() {
        try (WsClient c = hub.join("/rooms/chat/watched?name=ann")) {
            c.await("presence");
            hibernate("chat/watched");
            await().atMost(Duration.ofSeconds(10)).until(() -> stats("chat/watched").state() == RoomState.HIBERNATING);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20)).until(() -> hub.hub().registry().dormantCount() == 0);
            c.send("{\"type\":\"chat-message\",\"text\":\"still here\"}");
            c.await("chat-message", f -> f.path("text").asText().equals("still here"));
        }
    }

    @Test
    void a_room_gone_dormant_is_deleted_and_stays_deleted_across_a_restart() throws Exception {
        chat("chat/gone", "soon deleted");
        chat("chat/kept", "kept");
        await().atMost(Duration.ofSeconds(10)).until(() -> stats("chat/gone").connections() == 0);
        hibernate("chat/gone");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().registry().dormantCount() == 1);

        var deleted = hub.send(hub.request("/api/rooms/chat/gone").method("DELETE", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 299);
        assertThat(listed("chat/gone")).isNull();
        hub.restart();
        assertThat(listed("chat/gone")).isNull();
        assertThat(listed("chat/kept")).isNotNull();
    }
}
