package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.config.HubConfig.LimitsConfig.Rate;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.SseClient;
import org.roomhub.hub.testkit.WsClient;

class LimitsTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> {
        cfg.limits.rates.put("chat", new Rate(5, 8));
        cfg.limits.connectionsPerRoom = 2;
        cfg.limits.connectionsPerUser = 3;
        cfg.transport.heartbeatInterval = Duration.ofMillis(100);
        cfg.transport.heartbeatWindow = Duration.ofMillis(800);
    });

    static String chat(int i) {
        return "{\"type\":\"chat-message\",\"text\":\"m" + i + "\"}";
    }

    @Test
    void a_connection_over_its_rate_gets_rate_limit_and_stays_open() {
        try (WsClient observer = WsClient.connect(hub.ws("/hub/events")); WsClient c = hub.join("/rooms/chat/rate?name=rita")) {
            observer.await("hello");
            c.await("presence");
            for (int i = 0; i < 6; i++) {
                c.send(chat(i));
            }
            assertThat(c.await("error").path("code").asText()).isEqualTo("RATE_LIMIT");
            c.send("{\"type\":\"ping\",\"id\":1}");
            c.await("pong");
            c.await("chat-message", f -> f.path("text").asText().equals("m4"));
            assertThat(c.ofType("chat-message")).hasSize(5);
            assertThat(c.closed).isNotDone();
            observer.await("rate-limited", f -> f.path("sessionId").asText().equals(c.sessionId()));
            assertThat(hub.get("/metrics").body()).contains("roomhub_rate_limited_total 1.0");
        }
    }

    @Test
    void a_user_over_its_budget_is_limited_across_connections() {
        try (WsClient a = hub.join("/rooms/chat/peruser?name=uma"); WsClient b = hub.join("/rooms/map/peruser?name=uma")) {
            a.await("presence");
            b.await("map-state");
            WsClient c = hub.join("/rooms/chat/other?name=uma");
            c.await("presence");
            for (int i = 0; i < 5; i++) {
                a.send(chat(i));
            }
            a.await("chat-message", f -> f.path("text").asText().equals("m4"));
            for (int i = 5; i < 9; i++) {
                c.send(chat(i));
            }
            c.await("chat-message", f -> f.path("text").asText().equals("m7"));
            assertThat(c.await("error").path("code").asText()).isEqualTo("RATE_LIMIT"); // 8 per user per minute over both
            c.close();
        }
    }

    @Test
    void a_full_room_refuses_websocket_sse_and_polling_clients_and_counts_them() {
        try (WsClient a = hub.join("/rooms/chat/small"); WsClient b = hub.join("/rooms/chat/small")) {
            a.await("presence");
            b.await("presence");
            WsClient c = hub.join("/rooms/chat/small");
            assertThat(c.await("error").path("code").asText()).isEqualTo("ROOM_FULL");
            await().atMost(Duration.ofSeconds(20)).until(c.closed::isDone);
            assertThat(c.closed.join()).isEqualTo(1013);
            assertThat(c.types()).doesNotContain("connected");
            var sse = hub.get("/rooms/chat/small/events");
            assertThat(sse.statusCode()).isEqualTo(503);
            assertThat(sse.body()).contains("ROOM_FULL");
            assertThat(sse.headers().firstValue("Retry-After")).isPresent();
            assertThat(hub.get("/rooms/chat/small/poll").statusCode()).isEqualTo(503);
            assertThat(hub.get("/metrics").body()).contains("roomhub_connections_rejected_total{reason=\"room_full\"} 3.0");
        }
        try (WsClient again = hub.join("/rooms/chat/small")) {
            again.await("connected");
        }
    }

    @Test
    void a_user_with_no_connection_left_gets_429_over_http() {
        try (WsClient a = hub.join("/rooms/chat/u1?name=ned"); WsClient b = hub.join("/rooms/chat/u2?name=ned");
                WsClient c = hub.join("/rooms/chat/u3?name=ned")) {
            c.await("presence");
            assertThat(hub.get("/rooms/chat/u4/poll?name=ned").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void a_websocket_silent_past_its_heartbeat_window_is_closed_and_reaped_while_a_ponging_one_stays() throws Exception {
        try (WsClient alive = hub.join("/rooms/chat/beat"); Socket silent = new Socket("127.0.0.1", hub.port())) {
            alive.await("presence");
            OutputStream out = silent.getOutputStream();
            out.write(("GET /rooms/chat/beat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = silent.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).contains("101");
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/rooms/chat/beat").body().contains("\"connections\":2"));
            // The raw socket never answers pings; the kernel still acknowledges every byte.
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/api/rooms/chat/beat").body().contains("\"connections\":1"));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !alive.closed.isDone());
            assertThat(alive.ofType("user-left")).hasSize(1);
        }
    }

    @Test
    void closing_every_connection_gives_every_place_and_bucket_back() {
        try (WsClient a = hub.join("/rooms/chat/back?name=x")) {
            a.await("presence");
            try (SseClient s = SseClient.open(URI.create("http://127.0.0.1:" + hub.port() + "/rooms/chat/back/events?name=x"), null)) {
                s.await("presence");
                assertThat(hub.hub().edgeCounts().places()).isEqualTo(2);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.hub().edgeCounts().equals(new Hub.EdgeCounts(0, 0, 0)));
    }
}
