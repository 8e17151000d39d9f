package org.roomhub.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.value.RoomAddress;

/**
 * With a write age a socket that just wrote keeps its next frames until it has waited the age, or until
 * enough frames wait, instead of until the pool's shared tick; what each client receives, and in which
 * order, must not change, and nothing is held back past a close.
 */
class WriteAgeTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().notStarted();

    @Test
    void a_listener_gets_every_frame_in_order_once_its_wait_reaches_the_age_though_the_linger_is_an_hour() throws Exception {
        hub.start(cfg -> {
            cfg.transport.writeLinger = Duration.ofHours(1);
            cfg.transport.writeAge = Duration.ofMillis(300);
        });
        try (WsClient a = hub.join("/rooms/chat/aged?name=a"); WsClient b = hub.join("/rooms/chat/aged?name=b")) {
            a.await("connected");
            b.await("connected");
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 5; i++) {
                    a.send("{\"type\":\"chat-message\",\"text\":\"m" + (round * 5 + i) + "\"}");
                }
                int expected = (round + 1) * 5;
                await().atMost(Duration.ofSeconds(30)).until(() -> b.ofType("chat-message").size() == expected);
            }
            assertThat(b.ofType("chat-message")).extracting(m -> m.path("text").asText())
                    .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14");
        }
    }

    @Test
    void a_listener_keeps_fewer_frames_than_the_age_frames_and_writes_them_together_once_that_many_wait() throws Exception {
        hub.start(cfg -> {
            cfg.transport.writeLinger = Duration.ofHours(1);
            // An age the test never reaches while it counts, yet short enough to let a welcome split by the
            // writer out: "connected" may be written before the room queues the rest of the welcome, which
            // then waits for the age (or, counted with a's messages, would make the three written early).
            cfg.transport.writeAge = Duration.ofSeconds(20);
            cfg.transport.writeAgeFrames = 3;
        });
        try (WsClient a = hub.join("/rooms/chat/counted?name=a")) {
            // a joins first, so b's queue starts empty: had b joined first, a's user-joined would wait in it as
            // a first frame and the two messages below would make the three that are written.
            a.await("connected");
            RoomAddress room = new RoomAddress("chat", "counted");
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.hub().registry().find(room).map(r -> r.connections() == 1).orElse(false));
            try (WsClient b = hub.join("/rooms/chat/counted?name=b")) {
                b.await("connected");
                await().atMost(Duration.ofSeconds(60)).until(() -> !b.ofType("presence").isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> hub.hub().registry().find(room).orElseThrow().connections() == 2);
                for (int round = 0; round < 2; round++) {
                    a.send("{\"type\":\"chat-message\",\"text\":\"r" + round + "-1\"}");
                    a.send("{\"type\":\"chat-message\",\"text\":\"r" + round + "-2\"}");
                    int echoes = 3 * round + 2;
                    await().atMost(Duration.ofSeconds(30)).until(() -> a.ofType("chat-message").size() == echoes);
                    // b wrote moments ago and its age is 20 s away: two frames wait for a third.
                    int before = 3 * round;
                    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20)).until(() -> b.ofType("chat-message").size() == before);
                    a.send("{\"type\":\"chat-message\",\"text\":\"r" + round + "-3\"}");
                    await().atMost(Duration.ofSeconds(30)).until(() -> b.ofType("chat-message").size() == before + 3);
                }
                assertThat(b.ofType("chat-message")).extracting(m -> m.path("text").asText())
                        .containsExactly("r0-1", "r0-2", "r0-3", "r1-1", "r1-2", "r1-3");
            }
        }
    }

    // Frames held by an hour-long age go out before the close when the hub stops: WriteLingerTest.
}
