package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/**
 * A hub bound to every interface (0.0.0.0) tells strangers nothing. It is reached only through
 * 127.0.0.1: binding beyond loopback is what turns tokens on, whatever address the client uses.
 */
class LanSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> cfg.network.bind = "0.0.0.0");

    String token(String user, Role role, String rooms) {
        return hub.hub().tokens().issue(user, role, RoomPattern.parseList(rooms), false, Duration.ofHours(1));
    }

    HttpResponse<String> get(String path, String token) {
        return hub.send(hub.request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    @Test
    void a_hub_bound_beyond_loopback_answers_api_and_metrics_with_401_without_a_token_and_403_for_a_member_on_metrics() {
        assertThat(hub.hub().authRequired()).isTrue();
        String member = token("max", Role.MEMBER, "*");
        HttpResponse<String> rooms = hub.get("/api/rooms");
        assertThat(rooms.statusCode()).isEqualTo(401);
        assertThat(rooms.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(hub.get("/api/rooms/chat/lobby").statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/config").statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = hub.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(metrics.body()).doesNotContain("roomhub_");
        assertThat(get("/metrics", member).statusCode()).isEqualTo(403);
        assertThat(hub.get("/metrics?token=forged.token.value").statusCode()).isEqualTo(403);
        HttpResponse<String> scraped = get("/metrics", token("prometheus", Role.ADMIN, "*"));
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("roomhub_");
    }

    @Test
    void healthz_stays_open_and_says_nothing_but_its_status() {
        try (WsClient c = hub.join("/rooms/chat/secret?token=" + token("a", Role.MEMBER, "*"))) {
            c.await("presence");
            HttpResponse<String> health = hub.get("/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(health.headers().firstValue("Server")).isEmpty();
        }
    }

    @Test
    void the_room_list_and_stats_show_only_the_rooms_a_token_covers() throws Exception {
        String all = token("root", Role.MEMBER, "*");
        try (WsClient a = hub.join("/rooms/chat/lobby?token=" + all); WsClient b = hub.join("/rooms/metrics/lab?token=" + all);
                WsClient c = hub.join("/rooms/map/world?token=" + all)) {
            a.await("presence");
            b.await("snapshot");
            c.await("map-state");
            String chatViewer = token("vera", Role.VIEWER, "chat/*");
            JsonNode listed = JSON.readTree(get("/api/rooms", chatViewer).body()).path("rooms");
            List<String> names = StreamSupport.stream(listed.spliterator(), false)
                    .map(r -> r.path("type").asText() + "/" + r.path("name").asText()).toList();
            assertThat(names).containsExactly("chat/lobby");
            assertThat(JSON.readTree(get("/api/rooms", all).body()).path("rooms").size()).isEqualTo(3);

            HttpResponse<String> covered = get("/api/rooms/chat/lobby", chatViewer);
            assertThat(covered.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(covered.body()).path("connections").asInt()).isEqualTo(1);
            HttpResponse<String> other = get("/api/rooms/metrics/lab", chatViewer);
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.body()).doesNotContain("connections");
            // A room the token does not cover is refused whether or not it exists: nothing leaks its existence.
            assertThat(get("/api/rooms/metrics/nobody", chatViewer).statusCode()).isEqualTo(403);
            assertThat(get("/api/rooms/chat/nobody", chatViewer).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void managing_rooms_and_reading_settings_need_the_admin_role() {
        String member = token("max", Role.MEMBER, "*");
        try (WsClient c = hub.join("/rooms/chat/lobby?token=" + member)) {
            String session = c.sessionId();
            assertThat(get("/api/config", member).statusCode()).isEqualTo(403);
            assertThat(get("/api/rooms/chat/lobby/sessions", member).statusCode()).isEqualTo(403);
            assertThat(get("/api/rooms/chat/lobby/storage", member).statusCode()).isEqualTo(403);
            assertThat(hub.send(hub.request("/api/rooms/chat/lobby/sessions/" + session).header("Authorization", "Bearer " + member)
                    .DELETE().build()).statusCode()).isEqualTo(403);
            assertThat(hub.send(hub.request("/api/rooms/chat/lobby").header("Authorization", "Bearer " + member)
                    .DELETE().build()).statusCode()).isEqualTo(403);
            assertThat(hub.send(hub.request("/api/rooms/chat/lobby").DELETE().build()).statusCode()).isEqualTo(401);
            assertThat(hub.send(hub.request("/api/rooms/chat/bad%20name").DELETE().build()).statusCode()).isEqualTo(400);
            assertThat(hub.send(hub.request("/api/rooms/nosuch/lobby").DELETE().build()).statusCode()).isEqualTo(404);
            String admin = token("root", Role.ADMIN, "*");
            assertThat(get("/api/config", admin).statusCode()).isEqualTo(200);
            assertThat(get("/api/rooms/chat/lobby/sessions", admin).statusCode()).isEqualTo(200);
            c.send("{\"type\":\"ping\",\"id\":1}");
            assertThat(c.await("pong").path("id").asInt()).isEqualTo(1);
        }
    }
}
