package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

class HttpRoutesTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void healthz_answers_ok() {
        var r = hub.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void a_plain_get_on_a_room_path_gets_426_expected_websocket() {
        var r = hub.get("/rooms/chat/lobby");
        assertThat(r.statusCode()).isEqualTo(426);
        assertThat(r.body()).isEqualTo("Expected WebSocket");
    }

    @Test
    void a_bad_room_name_gets_400_before_an_unknown_type_gets_404() {
        assertThat(hub.get("/rooms/nosuch/bad%20name").statusCode()).isEqualTo(400);
        assertThat(hub.get("/rooms/nosuch/lobby").statusCode()).isEqualTo(404);
        assertThat(hub.get("/rooms/chat/" + "x".repeat(65)).statusCode()).isEqualTo(400);
    }

    @Test
    void a_websocket_to_a_bad_room_is_never_upgraded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.join("/rooms/nosuch/lobby"))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class).rootCause().hasMessageContaining("404");
    }

    @Test
    void api_rooms_lists_a_room_once_it_was_used_with_its_stats() {
        try (WsClient c = hub.join("/rooms/chat/lobby")) {
            c.await("presence");
            assertThat(hub.get("/api/rooms").body()).contains("\"type\":\"chat\"", "\"name\":\"lobby\"", "\"connections\":1");
            var stats = hub.get("/api/rooms/chat/lobby");
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.body()).contains("\"state\":\"active\"", "\"totalConnections\":1", "\"storageBytes\"", "\"hibernatedMillis\"");
        }
        assertThat(hub.get("/api/rooms/chat/never-used").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheus_metrics_show_rooms_connections_and_wakes() {
        try (WsClient c = hub.join("/rooms/chat/lobby")) {
            c.await("presence");
            String text = hub.get("/metrics").body();
            assertThat(text).contains("roomhub_connections 1.0", "roomhub_wakes_total 1.0", "roomhub_wake_latency_seconds");
            try (WsClient d = hub.join("/rooms/chat/lobby")) {
                d.send("{\"type\":\"chat-message\",\"text\":\"to both\"}");
                c.await("chat-message");
                d.await("chat-message");
                // A broadcast counts once per recipient: c and d each got the chat message.
                double sent = Double.parseDouble(hub.get("/metrics").body().lines()
                        .filter(l -> l.startsWith("roomhub_frames_sent_total ")).findFirst().orElseThrow().split(" ")[1]);
                // c's welcome (connected, system, history, presence), d's welcome, user-joined to c, the message to both.
                assertThat(sent).isEqualTo(4 + 4 + 1 + 2);
            }
            assertThat(text).containsPattern("roomhub_rooms\\{state=\"(active|idle)\"} 1.0");
        }
    }

    @Test
    void a_room_without_an_http_handler_answers_405_to_a_post() {
        var r = hub.send(hub.request("/rooms/chat/lobby").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(405);
    }
}
