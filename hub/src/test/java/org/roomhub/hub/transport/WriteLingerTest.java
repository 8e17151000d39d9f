package org.roomhub.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/**
 * With a write linger a socket that just wrote keeps its next frames until the writer pool's tick, so
 * they leave together; what each client receives, and in which order, must not change, and a close
 * is not held back.
 */
class WriteLingerTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> {
        cfg.transport.writeLinger = Duration.ofMillis(50);
        cfg.transport.writeAge = Duration.ZERO; // the shared ticks; the write age: WriteAgeTest
    }).notStarted();

    // Broadcasts through a linger (the default, 50 ms) to 200 sockets: BroadcastWriteTest.

    @Test
    void a_burst_larger_than_one_batch_is_written_in_one_go_after_a_tick_not_one_batch_per_tick() throws Exception {
        // A 2 s linger: one batch per tick would need 2 s for every 16 frames (over a minute for 500).
        hub.start(cfg -> {
            cfg.transport.writeLinger = Duration.ofSeconds(2);
            cfg.limits.rates.put("chat", new org.roomhub.hub.config.HubConfig.LimitsConfig.Rate(100_000, 100_000));
        });
        try (WsClient a = hub.join("/rooms/chat/burst?name=a"); WsClient b = hub.join("/rooms/chat/burst?name=b")) {
            a.await("connected");
            b.await("connected");
            int count = 500;
            for (int i = 0; i < count; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"m" + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> b.ofType("chat-message").size() == count);
            assertThat(b.ofType("chat-message")).extracting(m -> m.path("text").asText())
                    .startsWith("m0", "m1", "m2").endsWith("m" + (count - 1)).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_client_that_sends_gets_its_answers_at_once_while_a_listener_waits_for_the_tick() throws Exception {
        hub.start(cfg -> cfg.transport.writeLinger = Duration.ofHours(1));
        try (WsClient a = hub.join("/rooms/chat/asks?name=a"); WsClient b = hub.join("/rooms/chat/asks?name=b")) {
            a.await("connected");
            b.await("connected");
            for (int i = 1; i <= 5; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"m" + i + "\"}");
                int echoes = i;
                await().atMost(Duration.ofSeconds(30)).until(() -> a.ofType("chat-message").size() == echoes);
            }
            // b only listens and wrote its welcome moments ago: its copies wait for a tick an hour away.
            assertThat(b.ofType("chat-message")).isEmpty();
        }
    }

    @Test
    void every_joiner_gets_its_whole_welcome_at_once_though_the_linger_is_an_hour() throws Exception {
        // The welcome (connected, notice, history, presence) is one event's frames, handed to the writer together:
        // had "connected" been written alone, the rest would wait for a tick an hour away.
        hub.start(cfg -> cfg.transport.writeLinger = Duration.ofHours(1));
        for (int i = 0; i < 20; i++) {
            try (WsClient c = hub.join("/rooms/chat/welcomes?name=c" + i)) {
                c.await("connected");
                await().atMost(Duration.ofSeconds(30)).until(() -> !c.ofType("presence").isEmpty());
                assertThat(c.ofType("history")).hasSize(1);
                assertThat(c.ofType("system")).hasSize(1);
            }
        }
    }

    @Test
    void a_resuming_client_gets_every_frame_it_missed_at_once_though_the_linger_is_an_hour() throws Exception {
        hub.start(cfg -> cfg.transport.writeLinger = Duration.ofHours(1));
        try (WsClient a = hub.join("/rooms/chat/missed?name=a")) {
            a.send("{\"type\":\"chat-message\",\"text\":\"seen\"}");
            long seen = a.await("chat-message").path("seq").asLong();
            for (int i = 0; i < 5; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"m" + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> a.ofType("chat-message").size() == 6);
            for (int round = 0; round < 10; round++) {
                // connected and the replayed frames are one event's frames, handed to the writer together
                try (WsClient back = hub.join("/rooms/chat/missed?name=b&since=" + seen)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> back.ofType("chat-message").size() == 5);
                    assertThat(back.types()).first().isEqualTo("connected");
                    assertThat(back.ofType("chat-message")).extracting(m -> m.path("text").asText()).containsExactly("m0", "m1", "m2", "m3", "m4");
                }
            }
        }
    }

    @Test
    void a_listener_fed_steadily_keeps_fewer_than_eight_frames_through_further_ticks_and_writes_them_together_at_eight() throws Exception {
        // Ticks every 2 s, a socket may wait through all of them (an hour) while fewer than FULL (8) frames wait.
        hub.start(cfg -> {
            cfg.transport.writeLinger = Duration.ofSeconds(2);
            cfg.transport.writeLingerMax = Duration.ofHours(1);
        });
        try (WsClient a = hub.join("/rooms/chat/steady?name=a"); WsClient b = hub.join("/rooms/chat/steady?name=b")) {
            a.await("connected");
            b.await("connected");
            for (int i = 0; i < 3; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"m" + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> a.ofType("chat-message").size() == 3);
            // b wrote its welcome moments ago: three frames wait, through two ticks and more.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> b.ofType("chat-message").isEmpty());
            for (int i = 3; i < WebSocketOutbound.FULL; i++) {
                a.send("{\"type\":\"chat-message\",\"text\":\"m" + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> b.ofType("chat-message").size() == WebSocketOutbound.FULL);
            assertThat(b.ofType("chat-message")).extracting(m -> m.path("text").asText())
                    .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
        }
    }

    @Test
    void a_lone_frame_to_a_listener_leaves_after_the_longest_linger_though_fewer_than_eight_wait() throws Exception {
        hub.start(cfg -> {
            cfg.transport.writeLinger = Duration.ofMillis(300);
            cfg.transport.writeLingerMax = Duration.ofMillis(900);
        });
        try (WsClient a = hub.join("/rooms/chat/lone?name=a"); WsClient b = hub.join("/rooms/chat/lone?name=b")) {
            a.await("connected");
            b.await("connected");
            a.send("{\"type\":\"chat-message\",\"text\":\"alone\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> b.ofType("chat-message").size() == 1);
            assertThat(b.ofType("chat-message").get(0).path("text").asText()).isEqualTo("alone");
        }
    }

    @Test
    void frames_held_by_an_hour_long_linger_still_go_out_before_the_close_when_the_hub_stops() throws Exception {
        hub.start(cfg -> cfg.transport.writeLinger = Duration.ofHours(1));
        heldFramesGoOutBeforeTheCloseWhenTheHubStops();
    }

    @Test
    void frames_held_by_an_hour_long_write_age_still_go_out_before_the_close_when_the_hub_stops() throws Exception {
        hub.start(cfg -> {
            cfg.transport.writeLinger = Duration.ofHours(1);
            cfg.transport.writeAge = Duration.ofHours(1);
        });
        heldFramesGoOutBeforeTheCloseWhenTheHubStops();
    }

    private void heldFramesGoOutBeforeTheCloseWhenTheHubStops() throws Exception {
        try (WsClient a = hub.join("/rooms/chat/held?name=a"); WsClient b = hub.join("/rooms/chat/held?name=b")) {
            a.await("connected");
            b.await("connected");
            List<String> sent = List.of("one", "two", "three");
            for (String text : sent) {
                a.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/rooms/chat/held").body().contains("\"messagesProcessed\":3"));
            // b wrote its welcome moments ago, so the messages wait for a tick an hour away.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(20)).until(() -> b.ofType("chat-message").isEmpty());
            hub.stop();
            assertThat(b.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(b.ofType("chat-message")).extracting(m -> m.path("text").asText()).containsExactlyElementsOf(sent);
            assertThat(a.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1001);
        }
    }
}
