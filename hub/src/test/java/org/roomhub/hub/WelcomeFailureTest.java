package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.fixture.ProbeRoomType;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.value.RoomAddress;

/** Issue 9, item 1: a join whose welcome fails leaves no session behind: the client is told and closed. */
class WelcomeFailureTest {

    final ProbeRoomType probe = new ProbeRoomType();
    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> cfg.rooms.extraTypes.add(probe));

    @Test
    void a_client_whose_welcome_failed_gets_internal_and_1011_and_the_room_does_not_count_it() {
        probe.welcomeFailuresLeft.set(1);
        try (WsClient failed = hub.join("/rooms/probe/welcome")) {
            assertThat(failed.await("error").path("code").asText()).isEqualTo("INTERNAL");
            await().atMost(Duration.ofSeconds(20)).until(failed.closed::isDone);
            assertThat(failed.closed.join()).isEqualTo(1011);
            assertThat(failed.types()).doesNotContain("system");
        }
        RoomAddress address = new RoomAddress("probe", "welcome");
        var room = hub.hub().registry().find(address).orElseThrow();
        await().atMost(Duration.ofSeconds(1)).until(() -> room.connections() == 0 && hub.hub().edgeCounts().places() == 0);

        try (WsClient next = hub.join("/rooms/probe/welcome")) {
            next.await("system");
            // Looked up again: an empty room may have retired to the dormant form meanwhile (a new host on the join).
            assertThat(hub.hub().registry().find(address).orElseThrow().connections()).isEqualTo(1);
        }
    }
}
