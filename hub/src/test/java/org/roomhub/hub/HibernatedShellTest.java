package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;

/**
 * What a hibernated room keeps is trimmed to its shell (no resume memory, no meters between scrapes):
 * its figures, its storage and its sessions must come through a sleep and a wake unchanged.
 */
class HibernatedShellTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    private RoomHost room(String type, String name) {
        RoomAddress address = new RoomAddress(type, name);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().registry().find(address).isPresent());
        return hub.hub().registry().find(address).orElseThrow();
    }

    @Test
    void a_room_hibernated_and_woken_keeps_its_figures_its_history_and_its_seq() {
        try (WsClient a = hub.join("/rooms/chat/sleeper?name=ann")) {
            a.await("presence");
            for (int i = 0; i < 3; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"before " + i + "\"}");
            }
            a.await("chat-message", m -> m.path("text").asText().equals("before 2"));
            RoomHost room = room("chat", "sleeper");
            RoomStats awake = room.stats();

            hub.send(hub.request("/api/rooms/chat/sleeper/hibernate").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> room.state() == RoomState.HIBERNATING);
            RoomStats asleep = room.stats();
            assertThat(asleep.messagesProcessed()).isEqualTo(awake.messagesProcessed());
            assertThat(asleep.totalConnections()).isEqualTo(awake.totalConnections());
            assertThat(asleep.seq()).isEqualTo(awake.seq());
            assertThat(asleep.connections()).isEqualTo(1);
            assertThat(asleep.hibernations()).isEqualTo(awake.hibernations() + 1);

            a.send("{\"type\":\"chat-message\",\"text\":\"after\"}");
            JsonNode after = a.await("chat-message", m -> m.path("text").asText().equals("after"));
            assertThat(after.path("seq").asLong()).isEqualTo(awake.seq() + 1);
            assertThat(room.stats().messagesProcessed()).isEqualTo(awake.messagesProcessed() + 1);

            // Storage came through: a newcomer's history holds the messages from before the sleep, in order.
            try (WsClient b = hub.join("/rooms/chat/sleeper?name=bob")) {
                List<String> texts = b.await("history").path("messages").findValuesAsText("text");
                assertThat(texts).containsSubsequence("before 0", "before 1", "before 2", "after");
            }
        }
    }

    @Test
    void a_memory_log_made_on_first_use_replays_a_resume_and_is_dropped_by_hibernation() {
        try (WsClient a = hub.join("/rooms/map/nap?name=ann")) {
            long seen = a.await("connected").path("seq").asLong();
            RoomHost room = room("map", "nap");
            try (WsClient b = hub.join("/rooms/map/nap?name=bob")) {
                b.await("connected");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> room.seq() > seen && room.connections() == 1);
            long missed = room.seq();
            try (WsClient back = hub.join("/rooms/map/nap?name=ann&since=" + seen)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> back.frames.stream().anyMatch(f -> f.path("seq").asLong(-1) == missed
                        && !f.path("type").asText().equals("connected")));
                assertThat(back.types()).doesNotContain("reset");
            }
            // The resumed socket's close is a room event too: hibernating before it ran, the close would wake the room again.
            await().atMost(Duration.ofSeconds(10)).until(() -> room.connections() == 1);

            hub.send(hub.request("/api/rooms/map/nap/hibernate").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> room.state() == RoomState.HIBERNATING);
            // A room kept in memory forgets its log when it sleeps (as before): the client is told to start over.
            try (WsClient late = hub.join("/rooms/map/nap?name=ann&since=" + seen)) {
                late.await("reset");
            }
        }
    }

    @Test
    void every_scrape_lists_each_room_though_per_room_meters_are_dropped_between_scrapes() {
        try (WsClient a = hub.join("/rooms/chat/counted?name=ann")) {
            a.await("presence");
            for (int i = 0; i < 2; i++) {
                String text = hub.get("/metrics").body();
                assertThat(text).contains("roomhub_room_connections{room=\"chat/counted\"} 1.0");
                assertThat(text).containsPattern("roomhub_room_state\\{room=\"chat/counted\",state=\"[a-z]+\"} 1.0");
            }
        }
    }
}
