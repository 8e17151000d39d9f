package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/** A {@code resume} that reaches a room while it is still writing a flood gets every frame after {@code since}, no reset. */
class ResumeDuringWritesTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg ->
            cfg.limits.rates.put("chat", new org.roomhub.hub.config.HubConfig.LimitsConfig.Rate(100_000, 100_000)));

    @Test
    void aResumeDuringAFloodReplaysEveryFrameAfterSinceInsteadOfResetting() {
        WsClient reader = hub.join("/rooms/chat/flood");
        WsClient writer = hub.join("/rooms/chat/flood");
        reader.sessionId();
        writer.sessionId();
        for (int i = 0; i < 300; i++) {
            writer.send("{\"type\":\"chat-message\",\"text\":\"f" + i + "\"}");
        }
        // Resume from early in the flood while later messages are still being written.
        JsonNode early = reader.await("chat-message", f -> f.path("text").asText().equals("f5"));
        long since = early.path("seq").asLong();
        reader.send("{\"type\":\"resume\",\"since\":" + since + "}");
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.has("chat-message", f -> f.path("text").asText().equals("f299")));
        JsonNode last = writer.await("chat-message", f -> f.path("text").asText().equals("f299"));

        await().atMost(Duration.ofSeconds(60)).until(() -> reader.has("chat-message", f -> f.path("text").asText().equals("f299")));
        assertThat(reader.types()).doesNotContain("reset");
        TreeSet<Long> seqs = new TreeSet<>();
        reader.ofType("chat-message").forEach(f -> seqs.add(f.path("seq").asLong()));
        for (long s = since; s <= last.path("seq").asLong(); s++) {
            assertThat(seqs).as("seq %d after the resume point", s).contains(s);
        }
    }
}
