package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.SseClient;
import org.roomhub.hub.testkit.WsClient;

class RestartResumeTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void clients_closed_by_a_hub_restart_resume_over_websocket_and_sse_missing_nothing() {
        long wsSeen;
        String sseSeen;
        try (WsClient ws = hub.join("/rooms/chat/restart");
                SseClient sse = SseClient.open(URI.create("http://127.0.0.1:" + hub.port() + "/rooms/chat/restart/events"), null)) {
            ws.send("{\"type\":\"chat-message\",\"text\":\"before\"}");
            wsSeen = ws.await("chat-message").path("seq").asLong();
            sse.await("chat-message");
            sseSeen = sse.lastId();
            hub.stop();
            await().atMost(Duration.ofSeconds(10)).until(ws.closed::isDone);
            assertThat(ws.closed.join()).isEqualTo(Hub.GOING_AWAY);
            await().atMost(Duration.ofSeconds(10)).until(sse.ended::isDone);
        }
        hub.start();
        try (WsClient other = hub.join("/rooms/chat/restart")) {
            for (int i = 0; i < 5; i++) {
                other.send("{\"type\":\"chat-message\",\"text\":\"after " + i + "\"}");
            }
            other.await("chat-message", f -> f.path("text").asText().equals("after 4"));
            try (WsClient ws = hub.join("/rooms/chat/restart?since=" + wsSeen);
                    SseClient sse = SseClient.open(URI.create("http://127.0.0.1:" + hub.port() + "/rooms/chat/restart/events"), sseSeen)) {
                ws.await("chat-message", f -> f.path("text").asText().equals("after 4"));
                sse.await("chat-message", f -> f.path("text").asText().equals("after 4"));
                List<String> expected = List.of("after 0", "after 1", "after 2", "after 3", "after 4");
                assertThat(ws.ofType("chat-message").stream().map(f -> f.path("text").asText()).toList()).isEqualTo(expected);
                assertThat(sse.events.stream().filter(e -> e.type().equals("chat-message")).map(e -> e.data().path("text").asText())
                        .toList()).isEqualTo(expected);
                assertThat(ws.types()).doesNotContain("reset");
            }
        }
    }
}
