package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/** "Managing rooms" of PROTOCOL.md, end to end on a token hub: real clients, real storage, a real restart. */
class RoomAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> cfg.auth.required = true);
    String admin;
    String member;

    @BeforeEach
    void start() {
        admin = token("root", Role.ADMIN);
        member = token("max", Role.MEMBER);
    }

    String token(String user, Role role) {
        return hub.hub().tokens().issue(user, role, RoomPattern.parseList("*"), false, Duration.ofHours(1));
    }

    HttpResponse<String> admin(String method, String path) {
        return hub.send(hub.request(path).header("Authorization", "Bearer " + admin)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    JsonNode adminJson(String path) throws Exception {
        HttpResponse<String> r = admin("GET", path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void hibernate_now_evicts_the_room_while_its_clients_stay_connected() throws Exception {
        try (WsClient c = hub.join("/rooms/chat/sleepy?token=" + member)) {
            c.await("presence");
            assertThat(admin("POST", "/api/rooms/chat/sleepy/hibernate").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> adminJson("/api/rooms/chat/sleepy").path("state").asText().equals("hibernating"));
            c.send("{\"type\":\"chat-message\",\"text\":\"wake up\"}");
            assertThat(c.await("chat-message").path("text").asText()).isEqualTo("wake up");
            assertThat(admin("POST", "/api/rooms/chat/never-used/hibernate").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void the_sessions_listing_names_every_client_with_its_user_role_transport_and_queue() throws Exception {
        String viewer = hub.hub().tokens().issue("vera", Role.VIEWER, RoomPattern.parseList("chat/*"), false, Duration.ofHours(1));
        long before = System.currentTimeMillis();
        try (WsClient ws = hub.join("/rooms/chat/team?token=" + member)) {
            String wsId = ws.sessionId();
            PollClient poller = PollClient.open("http://127.0.0.1:" + hub.port() + "/rooms/chat/team", "token=" + viewer);
            await().atMost(Duration.ofSeconds(20)).until(() -> adminJson("/api/rooms/chat/team/sessions").path("sessions").size() == 2);
            JsonNode sessions = adminJson("/api/rooms/chat/team/sessions").path("sessions");
            JsonNode first = sessions.get(0);
            assertThat(first.path("sessionId").asText()).isEqualTo(wsId);
            assertThat(first.path("user").asText()).isEqualTo("max");
            assertThat(first.path("role").asText()).isEqualTo("member");
            assertThat(first.path("transport").asText()).isEqualTo("websocket");
            assertThat(first.path("tags").isArray()).isTrue();
            assertThat(first.path("connectedAt").asLong()).isBetween(before, System.currentTimeMillis());
            assertThat(first.path("queuedFrames").isIntegralNumber()).isTrue();
            assertThat(first.path("queuedBytes").isIntegralNumber()).isTrue();
            JsonNode second = sessions.get(1);
            assertThat(second.path("sessionId").asText()).isEqualTo(poller.sessionId);
            assertThat(second.path("user").asText()).isEqualTo("vera");
            assertThat(second.path("role").asText()).isEqualTo("viewer");
            assertThat(second.path("transport").asText()).isEqualTo("polling");
            // Frames wait in a polling session's mailbox until it polls: the listing shows them queued.
            ws.send("{\"type\":\"chat-message\",\"text\":\"for the poller\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> adminJson("/api/rooms/chat/team/sessions").path("sessions")
                    .get(1).path("queuedBytes").asLong() > 0);
        }
    }

    @Test
    void deleting_a_session_closes_that_client_with_1000_and_no_other() throws Exception {
        try (WsClient kicked = hub.join("/rooms/chat/door?token=" + member); WsClient stays = hub.join("/rooms/chat/door?token=" + member)) {
            String id = kicked.sessionId();
            stays.await("presence");
            assertThat(admin("DELETE", "/api/rooms/chat/door/sessions/" + id).statusCode()).isEqualTo(202);
            assertThat(kicked.closed.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1000);
            stays.await("user-left", f -> f.path("sessionId").asText().equals(id));
            assertThat(stays.closed).isNotDone();
            assertThat(admin("DELETE", "/api/rooms/chat/door/sessions/" + id).statusCode()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(20)).until(() -> adminJson("/api/rooms/chat/door/sessions").path("sessions").size() == 1);
        }
    }

    @Test
    void the_storage_listing_pages_through_the_stored_keys_with_values_as_json_cut_at_4_kib() throws Exception {
        try (WsClient c = hub.join("/rooms/chat/log?token=" + member)) {
            c.await("presence");
            for (int i = 1; i <= 5; i++) {
                c.send("{\"type\":\"chat-message\",\"text\":\"message " + i + "\"}");
            }
            String big = "x".repeat(4000);
            c.send("{\"type\":\"chat-message\",\"text\":\"" + big + "\"}");
            c.await("chat-message", f -> f.path("text").asText().equals(big));
        }
        List<JsonNode> entries = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            String query = "/api/rooms/chat/log/storage?prefix=r:msg/&limit=2"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            JsonNode page = adminJson(query);
            assertThat(page.path("entries").size()).isLessThanOrEqualTo(2);
            page.path("entries").forEach(entries::add);
            after = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(entries).hasSize(6);
        assertThat(entries).allSatisfy(e -> assertThat(e.path("key").asText()).startsWith("r:msg/"));
        assertThat(entries.stream().map(e -> e.path("key").asText()).toList()).isSorted();
        JsonNode firstMessage = entries.get(0);
        assertThat(firstMessage.path("value").path("text").asText()).isEqualTo("message 1");
        assertThat(firstMessage.path("bytes").asInt()).isEqualTo(firstMessage.path("value").toString().getBytes(StandardCharsets.UTF_8).length);
        JsonNode bigEntry = entries.get(5);
        assertThat(bigEntry.path("bytes").asInt()).isGreaterThan(4096);
        assertThat(bigEntry.path("truncated").asBoolean()).isTrue();
        assertThat(bigEntry.path("value").isTextual()).isTrue();
        assertThat(bigEntry.path("value").asText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(bigEntry.path("value").asText()).startsWith("{");

        JsonNode everything = adminJson("/api/rooms/chat/log/storage");
        assertThat(everything.path("entries").size()).isGreaterThan(6);
        assertThat(everything.path("next").isNull()).isTrue();
        assertThat(admin("GET", "/api/rooms/chat/log/storage?limit=0").statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/api/rooms/chat/unknown/storage").statusCode()).isEqualTo(404);
    }

    @Test
    void deleting_a_room_closes_its_clients_with_1001_and_its_storage_stays_gone_after_a_restart() throws Exception {
        try (WsClient a = hub.join("/rooms/chat/doomed?token=" + member); WsClient b = hub.join("/rooms/chat/doomed?token=" + member);
                WsClient bystander = hub.join("/rooms/chat/kept?token=" + member)) {
            b.await("presence");
            a.send("{\"type\":\"chat-message\",\"text\":\"remember me\"}");
            b.await("chat-message");
            bystander.send("{\"type\":\"chat-message\",\"text\":\"i stay\"}");
            bystander.await("chat-message");
            HttpResponse<String> deleted = admin("DELETE", "/api/rooms/chat/doomed");
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            assertThat(a.closed.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(b.closed.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(bystander.closed).isNotDone();
            assertThat(adminJson("/api/rooms").toString()).doesNotContain("doomed").contains("kept");
            assertThat(admin("GET", "/api/rooms/chat/doomed").statusCode()).isEqualTo(404);
            assertThat(admin("DELETE", "/api/rooms/chat/doomed").statusCode()).isEqualTo(404);
        }
        hub.restart();
        assertThat(adminJson("/api/rooms").toString()).doesNotContain("doomed").contains("kept");
        try (WsClient again = hub.join("/rooms/chat/doomed?token=" + member)) {
            assertThat(again.await("history").path("messages").size()).isZero();
            assertThat(again.await("connected").path("seq").asLong()).isZero();
        }
        JsonNode keptStorage = adminJson("/api/rooms/chat/kept/storage?prefix=r:msg/");
        assertThat(keptStorage.path("entries").get(0).path("value").path("text").asText()).isEqualTo("i stay");
    }
}
