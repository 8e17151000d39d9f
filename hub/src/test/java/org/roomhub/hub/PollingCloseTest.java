package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.protocol.value.RoomAddress;

/** Issue 9, item 1: a polling session the hub closes leaves the room at once, even with no poll waiting. */
class PollingCloseTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void a_polling_session_closed_by_an_admin_while_no_poll_waits_leaves_the_room_at_once_and_hears_the_close_later() {
        String roomUrl = "http://127.0.0.1:" + hub.port() + "/rooms/chat/kick";
        PollClient poller = PollClient.open(roomUrl, "name=poller");
        var room = hub.hub().registry().find(new RoomAddress("chat", "kick")).orElseThrow();
        assertThat(room.connections()).isEqualTo(1);

        assertThat(hub.send(hub.request("/api/rooms/chat/kick/sessions/" + poller.sessionId).DELETE().build()).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(1)).until(() -> room.connections() == 0 && hub.hub().edgeCounts().places() == 0);

        // The client still gets its close on its next poll, then the session is gone.
        assertThat(poller.poll(0).path("closed").path("code").asInt()).isEqualTo(1000);
    }
}
