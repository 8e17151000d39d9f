package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.config.HubConfig.LimitsConfig.Rate;
import org.roomhub.hub.fixture.ProbeRoomType;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

class HibernationTest {

    final ProbeRoomType probe = new ProbeRoomType();
    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().notStarted().with(cfg -> cfg.rooms.extraTypes.add(probe));

    private RunningHub start(Duration hibernateAfter) {
        return hub.start(cfg -> cfg.rooms.hibernateAfter = hibernateAfter);
    }

    private RoomHost room(String type, String name) {
        RoomAddress address = new RoomAddress(type, name);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().registry().find(address).isPresent());
        return hub.hub().registry().find(address).orElseThrow();
    }

    private void awaitState(RoomHost room, RoomState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> room.state() == state);
    }

    @Test
    void a_hibernated_room_object_is_gone_while_its_socket_stays_open_and_gets_the_next_broadcast() {
        start(Duration.ofMillis(300));
        try (WsClient a = hub.join("/rooms/probe/one"); WsClient b = hub.join("/rooms/probe/one")) {
            a.await("system");
            b.await("system");
            RoomHost room = room("probe", "one");
            awaitState(room, RoomState.HIBERNATING);
            assertThat(room.inMemory()).isFalse();
            assertThat(room.connections()).isEqualTo(2);
            assertThat(a.closed).isNotDone();
            // Counted from here: on a loaded machine the room may also have slept (and b's join woken it) between the joins.
            int built = probe.constructions.get();
            long slept = room.stats().hibernations();
            assertThat(slept).isGreaterThanOrEqualTo(1);

            b.send("{\"type\":\"chat-message\",\"text\":\"after sleep\"}");
            a.await("chat-message", f -> f.path("text").asText().equals("after sleep"));
            assertThat(probe.constructions).hasValue(built + 1);
        }
    }

    @Test
    void a_ping_is_answered_while_hibernating_without_waking_the_room() {
        start(Duration.ofMillis(300));
        try (WsClient a = hub.join("/rooms/probe/ping")) {
            a.await("system");
            RoomHost room = room("probe", "ping");
            awaitState(room, RoomState.HIBERNATING);
            a.send("{\"type\":\"ping\",\"id\":1,\"clientTime\":5}");
            assertThat(a.await("pong").path("id").asInt()).isEqualTo(1);
            assertThat(room.state()).isEqualTo(RoomState.HIBERNATING);
            assertThat(probe.constructions).hasValue(1);
        }
    }

    @Test
    void waking_reruns_construction_and_restores_state_from_storage() {
        start(Duration.ofMillis(300));
        try (WsClient a = hub.join("/rooms/probe/state")) {
            a.send("{\"type\":\"chat-message\",\"text\":\"remember me\"}");
            a.await("chat-message");
            awaitState(room("probe", "state"), RoomState.HIBERNATING);
            // Counted from here: on a loaded machine the room may already have slept and woken once more.
            int before = probe.constructions.get();
            try (WsClient b = hub.join("/rooms/probe/state")) {
                assertThat(b.await("system").path("text").asText()).isEqualTo("last=remember me");
                assertThat(probe.constructions).hasValue(before + 1); // before b's leave can wake it again
            }
        }
    }

    @Test
    void an_alarm_fires_while_the_room_is_hibernated() {
        start(Duration.ofMillis(200));
        try (WsClient a = hub.join("/rooms/probe/alarm")) {
            a.send("{\"type\":\"chat-message\",\"text\":\"alarm:1500\"}");
            RoomHost room = room("probe", "alarm");
            awaitState(room, RoomState.HIBERNATING);
            a.await("chat-message", f -> f.path("text").asText().equals("alarm fired"));
            assertThat(probe.alarmsFired).hasValue(1);
            assertThat(room.stats().hibernations()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void a_throwing_alarm_is_retried_with_backoff_until_it_succeeds() {
        start(Duration.ofSeconds(30));
        try (WsClient a = hub.join("/rooms/probe/retry")) {
            a.send("{\"type\":\"chat-message\",\"text\":\"fail-alarm:1\"}");
            a.await("chat-message", f -> f.path("text").asText().equals("alarm fired"));
            assertThat(probe.alarmsFired).hasValue(1);
            assertThat(room("probe", "retry").stats().errorCount()).isEqualTo(1);
        }
    }

    @Test
    void a_throwing_handler_gets_internal_error_its_writes_are_dropped_and_the_room_goes_on() {
        start(Duration.ofSeconds(30));
        try (WsClient a = hub.join("/rooms/probe/throw")) {
            a.send("{\"type\":\"chat-message\",\"text\":\"kept\"}");
            a.await("chat-message");
            a.send("{\"type\":\"chat-message\",\"text\":\"throw\"}");
            assertThat(a.await("error").path("code").asText()).isEqualTo("INTERNAL");
            a.send("{\"type\":\"chat-message\",\"text\":\"next\"}");
            a.await("chat-message", f -> f.path("text").asText().equals("next"));
            try (WsClient b = hub.join("/rooms/probe/throw")) {
                assertThat(b.await("system").path("text").asText()).isEqualTo("last=next");
            }
            assertThat(room("probe", "throw").stats().errorCount()).isEqualTo(1);
        }
    }

    @Test
    void a_thousand_rooms_hibernate_and_wake_correctly() {
        start(Duration.ofMillis(500));
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                clients.add(hub.join("/rooms/probe/r" + i));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.has("system", f -> true)));
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.hub().registry().all().stream()
                    .filter(h -> h.address().type().equals("probe")).allMatch(h -> h.state() == RoomState.HIBERNATING));
            for (int i = 0; i < 1000; i++) {
                clients.get(i).send("{\"type\":\"chat-message\",\"text\":\"wake " + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> java.util.stream.IntStream.range(0, 1000).allMatch(i ->
                    clients.get(i).has("chat-message", f -> f.path("text").asText().equals("wake " + i))));
            assertThat(probe.constructions.get()).isEqualTo(2000);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void a_chat_room_woken_by_messages_trims_and_welcomes_with_exactly_its_last_hundred() {
        hub.start(cfg -> {
            cfg.rooms.hibernateAfter = Duration.ofHours(1);
            cfg.limits.rates.put("chat", new Rate(100_000, 100_000)); // 108 messages at once
        });
        try (WsClient a = hub.join("/rooms/chat/trim?name=ann")) {
            a.await("presence");
            for (int i = 0; i < 105; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"m" + i + "\"}");
            }
            a.await("chat-message", f -> f.path("text").asText().equals("m104"));
            RoomHost room = room("chat", "trim");
            for (int round = 0; round < 3; round++) {
                room.hibernateNow();
                awaitState(room, RoomState.HIBERNATING);
                // Woken by a message: the room trims its oldest message without having built a welcome.
                String text = "w" + round;
                a.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
                a.await("chat-message", f -> f.path("text").asText().equals(text));
            }
            room.hibernateNow();
            awaitState(room, RoomState.HIBERNATING);
            try (WsClient b = hub.join("/rooms/chat/trim?name=bob")) {
                List<String> texts = new ArrayList<>();
                b.await("history").path("messages").forEach(m -> texts.add(m.path("text").asText()));
                List<String> expected = new ArrayList<>();
                for (int i = 8; i < 105; i++) {
                    expected.add("m" + i);
                }
                expected.addAll(List.of("w0", "w1", "w2"));
                assertThat(texts).containsExactlyElementsOf(expected);
            }
        }
    }
}
