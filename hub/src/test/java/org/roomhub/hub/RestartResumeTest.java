package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartResumeTest {

    @TempDir
    Path data;

    @Test
    void clients_closed_by_a_hub_restart_resume_over_websocket_and_sse_missing_nothing() {
        long wsSeen;
        String sseSeen;
        TestHub first = TestHub.start(data);
        try (WsClient ws = first.join("/rooms/chat/restart");
                SseClient sse = SseClient.open(URI.create("http://127.0.0.1:" + first.hub.port() + "/rooms/chat/restart/events"), null)) {
            ws.send("{\"type\":\"chat-message\",\"text\":\"before\"}");
            wsSeen = ws.await("chat-message").path("seq").asLong();
            sse.await("chat-message");
            sseSeen = sse.lastId();
            first.close();
            await().atMost(Duration.ofSeconds(10)).until(ws.closed::isDone);
            assertThat(ws.closed.join()).isEqualTo(Hub.GOING_AWAY);
            await().atMost(Duration.ofSeconds(10)).until(sse.ended::isDone);
        }
        try (TestHub second = TestHub.start(data)) {
            try (WsClient other = second.join("/rooms/chat/restart")) {
                for (int i = 0; i < 5; i++) {
                    other.send("{\"type\":\"chat-message\",\"text\":\"after " + i + "\"}");
                }
                other.await("chat-message", f -> f.path("text").asText().equals("after 4"));
                try (WsClient ws = second.join("/rooms/chat/restart?since=" + wsSeen);
                        SseClient sse = SseClient.open(URI.create("http://127.0.0.1:" + second.hub.port() + "/rooms/chat/restart/events"), sseSeen)) {
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
}
