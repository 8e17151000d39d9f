package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.auth.TokenService;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import picocli.CommandLine;

class AuthTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> cfg.auth.required = true);

    String token(String user, Role role, String rooms) {
        return hub.hub().tokens().issue(user, role, RoomPattern.parseList(rooms), false, Duration.ofHours(1));
    }

    static int handshakeStatus(RunningHub hub, String path) {
        try (WsClient c = hub.join(path)) {
            return 101;
        } catch (Exception e) {
            Throwable t = e;
            while (t != null && !(t instanceof WebSocketHandshakeException)) {
                t = t.getCause();
            }
            assertThat(t).as("handshake refused").isNotNull();
            return ((WebSocketHandshakeException) t).getResponse().statusCode();
        }
    }

    @Test
    void an_unauthorized_client_never_reaches_a_room_over_any_transport() {
        String other = token("mallory", Role.MEMBER, "metrics/*");
        assertThat(handshakeStatus(hub, "/rooms/chat/secret")).isEqualTo(401);
        assertThat(handshakeStatus(hub, "/rooms/chat/secret?token=forged.token.here")).isEqualTo(403);
        assertThat(handshakeStatus(hub, "/rooms/chat/secret?token=" + other)).isEqualTo(403);
        assertThat(hub.get("/rooms/chat/secret/events").statusCode()).isEqualTo(401);
        assertThat(hub.get("/rooms/chat/secret/events?token=" + other).statusCode()).isEqualTo(403);
        assertThat(hub.get("/rooms/chat/secret/poll").statusCode()).isEqualTo(401);
        assertThat(hub.send(hub.request("/rooms/chat/secret/poll").header("Authorization", "Bearer " + other).build()).statusCode())
                .isEqualTo(403);
        assertThat(hub.hub().registry().find(new org.roomhub.protocol.value.RoomAddress("chat", "secret"))).isEmpty();
        assertThat(hub.get("/metrics?token=" + token("root", Role.ADMIN, "*")).body()).contains("roomhub_connections_rejected_total{reason=\"unauthorized\"} 3.0",
                "roomhub_connections_rejected_total{reason=\"forbidden\"} 4.0");
    }

    @Test
    void checks_run_in_order_bad_name_then_unknown_type_then_credentials_then_426() {
        String alice = token("alice", Role.MEMBER, "chat/*");
        assertThat(hub.get("/rooms/nosuch/bad%20name").statusCode()).isEqualTo(400);
        assertThat(hub.get("/rooms/nosuch/lobby").statusCode()).isEqualTo(404);
        assertThat(hub.get("/rooms/chat/lobby").statusCode()).isEqualTo(401);
        assertThat(hub.get("/rooms/chat/lobby?token=" + alice).statusCode()).isEqualTo(426);
        assertThat(handshakeStatus(hub, "/rooms/nosuch/lobby")).isEqualTo(404);
    }

    @Test
    void a_token_in_the_query_or_the_authorization_header_joins_as_its_user_whatever_name_is_asked() {
        String alice = token("alice", Role.MEMBER, "chat/*,metrics/*");
        try (WsClient c = hub.join("/rooms/chat/lobby?name=Mallory&token=" + alice)) {
            assertThat(c.await("connected").path("user").asText()).isEqualTo("alice");
        }
        var poll = hub.send(hub.request("/rooms/chat/lobby/poll").header("Authorization", "Bearer " + alice).build());
        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).contains("\"user\":\"alice\"");
        String renamable = hub.hub().tokens().issue("bob", Role.MEMBER, RoomPattern.parseList("chat/*"), true, Duration.ofHours(1));
        try (WsClient c = hub.join("/rooms/chat/lobby?name=Bobby&token=" + renamable)) {
            assertThat(c.await("connected").path("user").asText()).isEqualTo("Bobby");
        }
    }

    @Test
    void a_viewer_reads_but_gets_forbidden_when_it_sends_and_nothing_is_stored() {
        String viewer = token("vera", Role.VIEWER, "chat/*");
        String member = token("max", Role.MEMBER, "chat/*");
        try (WsClient v = hub.join("/rooms/chat/readonly?token=" + viewer); WsClient m = hub.join("/rooms/chat/readonly?token=" + member)) {
            v.await("presence");
            v.send("{\"type\":\"chat-message\",\"text\":\"let me in\"}");
            assertThat(v.await("error").path("code").asText()).isEqualTo("FORBIDDEN");
            v.send("{\"type\":\"ping\",\"id\":7}");
            assertThat(v.await("pong").path("id").asInt()).isEqualTo(7);
            m.send("{\"type\":\"chat-message\",\"text\":\"members talk\"}");
            v.await("chat-message", f -> f.path("text").asText().equals("members talk"));
            assertThat(v.has("chat-message", f -> f.path("text").asText().equals("let me in"))).isFalse();
            assertThat(m.has("chat-message", f -> f.path("text").asText().equals("let me in"))).isFalse();
        }
        PollClient p = PollClient.open("http://127.0.0.1:" + hub.port() + "/rooms/chat/readonly", "token=" + viewer);
        assertThat(PollClient.send(URI.create(p.base + "/messages?token=" + viewer + "&session=" + p.sessionId),
                "{\"type\":\"chat-message\",\"text\":\"sneaky\"}").statusCode()).isEqualTo(202);
        assertThat(p.pollUntilWithToken(viewer, "error").path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void only_admins_open_the_observer_stream_and_use_admin_endpoints() {
        String member = token("max", Role.MEMBER, "*");
        String admin = token("root", Role.ADMIN, "*");
        assertThat(handshakeStatus(hub, "/hub/events")).isEqualTo(401);
        assertThat(handshakeStatus(hub, "/hub/events?token=" + member)).isEqualTo(403);
        try (WsClient o = WsClient.connect(hub.ws("/hub/events?token=" + admin))) {
            o.await("hello");
        }
        var put = hub.request("/api/config/hibernate-after").PUT(HttpRequest.BodyPublishers.ofString("2s"));
        assertThat(hub.send(put.build()).statusCode()).isEqualTo(401);
        assertThat(hub.send(hub.request("/api/config/hibernate-after").header("Authorization", "Bearer " + member)
                .PUT(HttpRequest.BodyPublishers.ofString("2s")).build()).statusCode()).isEqualTo(403);
        assertThat(hub.send(hub.request("/api/config/hibernate-after").header("Authorization", "Bearer " + admin)
                .PUT(HttpRequest.BodyPublishers.ofString("2s")).build()).statusCode()).isEqualTo(200);
        assertThat(hub.send(hub.request("/api/rooms/chat/x/hibernate?token=" + member).POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/rooms").statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/rooms?token=" + member).statusCode()).isEqualTo(200);
    }

    @Test
    void the_token_command_prints_a_token_signed_with_the_secret_the_hub_uses_and_the_secret_is_private() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new HubCommand()).execute("token", "--data", hub.data().toString(), "--user", "alice",
                    "--role", "member", "--rooms", "chat/*,metrics/*");
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).strip().lines().toList();
        String token = lines.get(lines.size() - 1);
        try (WsClient c = hub.join("/rooms/metrics/lab?token=" + token)) {
            assertThat(c.await("connected").path("user").asText()).isEqualTo("alice");
        }
        assertThat(handshakeStatus(hub, "/rooms/map/world?token=" + token)).isEqualTo(403);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hub.data().resolve(TokenService.SECRET_FILE))))
                .isEqualTo("rw-------");
    }
}
