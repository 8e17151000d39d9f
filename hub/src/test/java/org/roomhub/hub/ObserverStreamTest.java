package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.config.HubConfig.LimitsConfig.Rate;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

class ObserverStreamTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> {
        cfg.rooms.hibernateAfter = Duration.ofMillis(400);
        cfg.limits.rates.put("chat", new Rate(100_000, 100_000));
    });

    @Test
    void an_observer_sees_clients_room_states_and_flows_as_they_happen() {
        try (WsClient observer = WsClient.connect(hub.ws("/hub/events"))) {
            assertThat(observer.await("hello").path("rooms").isArray()).isTrue();
            try (WsClient c = hub.join("/rooms/chat/watched?name=zoe")) {
                String id = c.sessionId();
                var joined = observer.await("client-connected", f -> f.path("sessionId").asText().equals(id));
                assertThat(joined.path("room").asText()).isEqualTo("chat/watched");
                assertThat(joined.path("user").asText()).isEqualTo("zoe");
                assertThat(joined.path("transport").asText()).isEqualTo("websocket");
                observer.await("room-state", f -> f.path("room").asText().equals("chat/watched")
                        && f.path("from").asText().equals("resuming") && f.path("to").asText().equals("active"));
                observer.await("room-state", f -> f.path("room").asText().equals("chat/watched") && f.path("to").asText().equals("hibernating"));

                c.send("{\"type\":\"chat-message\",\"text\":\"seen\"}");
                observer.await("room-state", f -> f.path("room").asText().equals("chat/watched")
                        && f.path("from").asText().equals("hibernating") && f.path("to").asText().equals("resuming"));
                observer.await("flow", f -> f.path("from").asText().equals(id) && f.path("msgType").asText().equals("chat-message"));
                observer.await("flow", f -> f.path("from").asText().equals("room") && f.path("to").asText().equals("broadcast")
                        && f.path("msgType").asText().equals("chat-message") && f.path("bytes").asInt() > 0);
                c.close();
                observer.await("client-disconnected", f -> f.path("sessionId").asText().equals(id));
            }
        }
    }

    @Test
    void observers_that_connect_while_clients_join_each_see_exactly_the_clients_present() throws Exception {
        java.util.List<WsClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<WsClient> observers = new java.util.ArrayList<>();
        Thread joiner = new Thread(() -> {
            for (int i = 0; i < 60; i++) {
                WsClient c = hub.join("/rooms/chat/crowd?name=j" + i);
                clients.add(c);
            }
        }, "joiner");
        joiner.start();
        try {
            while (joiner.isAlive() && observers.size() < 30) {
                observers.add(WsClient.connect(hub.ws("/hub/events")));
            }
            joiner.join();
            java.util.Set<String> present = new java.util.HashSet<>();
            for (WsClient c : clients) {
                present.add(c.sessionId());
            }
            for (WsClient o : observers) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (var f : o.frames) {
                        if (f.path("room").asText().equals("chat/crowd")) {
                            if (f.path("type").asText().equals("client-connected")) {
                                assertThat(seen.add(f.path("sessionId").asText())).as("listed once: %s", f).isTrue();
                            } else if (f.path("type").asText().equals("client-disconnected")) {
                                seen.remove(f.path("sessionId").asText());
                            }
                        }
                    }
                    assertThat(seen).isEqualTo(present);
                });
            }
        } finally {
            observers.forEach(WsClient::close);
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void dense_flows_turn_into_one_flow_summary_per_room_per_second() {
        try (WsClient observer = WsClient.connect(hub.ws("/hub/events")); WsClient c = hub.join("/rooms/chat/busy")) {
            observer.await("hello");
            c.await("presence");
            for (int i = 0; i < 200; i++) {
                c.send("{\"type\":\"chat-message\",\"text\":\"burst " + i + "\"}");
            }
            c.await("chat-message", f -> f.path("text").asText().equals("burst 199"));
            var summary = observer.await("flow-summary", f -> f.path("room").asText().equals("chat/busy"));
            assertThat(summary.path("perSecond").asDouble()).isPositive();
            assertThat(summary.path("byType").path("chat-message").asLong()).isPositive();
            assertThat(observer.ofType("flow").size()).isLessThan(400);
        }
    }

    @Test
    void prometheus_shows_each_rooms_figures_tagged_by_room() {
        try (WsClient c = hub.join("/rooms/map/tagged")) {
            c.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":1,\"lng\":2}}");
            c.await("route");
            String text = hub.get("/metrics").body();
            assertThat(text).contains("roomhub_room_connections{room=\"map/tagged\"} 1.0",
                    "roomhub_room_messages_processed{room=\"map/tagged\"} 1.0");
            assertThat(text).containsPattern("roomhub_room_state\\{room=\"map/tagged\",state=\"(active|idle|hibernating)\"} 1.0");
        }
    }
}
