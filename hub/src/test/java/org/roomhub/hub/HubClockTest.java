package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.fixture.ProbeRoomType;
import org.roomhub.hub.testkit.ManualClock;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/**
 * The hub reads time from {@code HubConfig.clock}: with a clock the test moves by hand, frame times,
 * a room's time figures and alarm due times are exact, and nothing waits for the wall clock.
 */
class HubClockTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    final ManualClock clock = ManualClock.at("2026-12-03T04:00:00Z");
    final ProbeRoomType probe = new ProbeRoomType();
    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> {
        cfg.clock = clock;
        cfg.rooms.extraTypes.add(probe);
        cfg.rooms.hibernateAfter = Duration.ofHours(1); // only the test hibernates the room
    });

    @Test
    void frames_carry_the_hubs_time_and_a_rooms_active_and_hibernated_millis_follow_the_clock_exactly() throws Exception {
        long t0 = clock.millis();
        try (WsClient ann = hub.join("/rooms/chat/clock?name=ann")) {
            assertThat(ann.await("connected").path("ts").asLong()).isEqualTo(t0);
            ann.send("{\"type\":\"chat-message\",\"text\":\"hello\"}");
            assertThat(ann.await("chat-message").path("ts").asLong()).isEqualTo(t0);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stats("chat/clock").path("connections").asInt() == 0);
        assertThat(stats("chat/clock").path("activeMillis").asLong()).isZero();

        clock.advance(Duration.ofMinutes(5));
        JsonNode active = stats("chat/clock");
        assertThat(active.path("activeMillis").asLong()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(active.path("hibernatedMillis").asLong()).isZero();

        hub.send(hub.request("/api/rooms/chat/clock/hibernate").POST(HttpRequest.BodyPublishers.noBody()).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> stats("chat/clock").path("hibernations").asLong() == 1);
        clock.advance(Duration.ofMinutes(2));
        JsonNode hibernated = stats("chat/clock");
        assertThat(hibernated.path("activeMillis").asLong()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(hibernated.path("hibernatedMillis").asLong()).isEqualTo(Duration.ofMinutes(2).toMillis());
        assertThat(hibernated.path("lastActivity").asLong()).isBetween(t0, t0 + Duration.ofMinutes(5).toMillis());
    }

    @Test
    void a_room_that_went_dormant_keeps_counting_its_hibernated_time_in_listings_and_when_used_again() throws Exception {
        try (WsClient ann = hub.join("/rooms/chat/sleeper?name=ann")) {
            ann.send("{\"type\":\"chat-message\",\"text\":\"hello\"}");
            ann.await("chat-message");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stats("chat/sleeper").path("connections").asInt() == 0);
        clock.advance(Duration.ofMinutes(5));
        hub.send(hub.request("/api/rooms/chat/sleeper/hibernate").POST(HttpRequest.BodyPublishers.noBody()).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().registry().dormantCount() == 1);

        clock.advance(Duration.ofMinutes(2));
        JsonNode listed = JSON.readTree(hub.get("/api/rooms").body()).path("rooms");
        assertThat(listed).as("listed while dormant").anySatisfy(r -> {
            assertThat(r.path("name").asText()).isEqualTo("sleeper");
            assertThat(r.path("state").asText()).isEqualTo("hibernating");
        });
        JsonNode asleep = stats("chat/sleeper"); // builds the host again, from what the dormant room stored
        assertThat(asleep.path("hibernatedMillis").asLong()).isEqualTo(Duration.ofMinutes(2).toMillis());
        assertThat(asleep.path("activeMillis").asLong()).isEqualTo(Duration.ofMinutes(5).toMillis());

        clock.advance(Duration.ofMinutes(1));
        try (WsClient bob = hub.join("/rooms/chat/sleeper?name=bob")) {
            bob.await("connected");
            await().atMost(Duration.ofSeconds(20)).until(() -> stats("chat/sleeper").path("state").asText().matches("active|idle"));
            clock.advance(Duration.ofMinutes(1));
            JsonNode woken = stats("chat/sleeper");
            assertThat(woken.path("hibernatedMillis").asLong()).isEqualTo(Duration.ofMinutes(3).toMillis());
            assertThat(woken.path("activeMillis").asLong()).isEqualTo(Duration.ofMinutes(6).toMillis());
        }
    }

    @Test
    void an_alarm_that_came_due_while_the_hub_was_down_fires_at_once_after_a_restart() {
        try (WsClient a = hub.join("/rooms/probe/alarm")) {
            a.await("system");
            a.send("{\"type\":\"chat-message\",\"text\":\"alarm:60000\"}"); // due in one (hub) minute
            await().atMost(Duration.ofSeconds(20)).until(() -> stats("probe/alarm").path("messagesProcessed").asLong() == 1);
        }
        hub.stop(); // from now on the alarm exists only in storage
        assertThat(probe.alarmsFired).hasValue(0);
        clock.advance(Duration.ofMinutes(2));
        hub.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.alarmsFired.get() == 1);
    }

    private JsonNode stats(String room) throws Exception {
        return JSON.readTree(hub.get("/api/rooms/" + room).body());
    }
}
