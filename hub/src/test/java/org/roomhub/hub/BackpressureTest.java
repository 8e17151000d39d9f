package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.config.HubConfig.LimitsConfig.Rate;
import org.roomhub.hub.fixture.BlastRoomType;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

class BackpressureTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> {
        cfg.rooms.extraTypes.add(new BlastRoomType());
        cfg.rooms.minBroadcastInterval = Duration.ofMillis(1);
        cfg.limits.rates.put("blast", new Rate(100_000, 100_000));
        cfg.limits.rates.put("metrics", new Rate(100_000, 100_000));
        // Room for a resume of what a dropped consumer missed (its queue plus one round) to fit.
        cfg.transport.outboundFrames = 512;
        cfg.transport.outboundBytes = 4L * 1024 * 1024;
    });

    static String blast(int n, String label) {
        return "{\"type\":\"chat-message\",\"text\":\"" + n + ":" + label + "\"}";
    }

    @Test
    void a_stalled_consumer_among_fast_ones_is_closed_with_1013_without_slowing_them_and_resumes_missing_nothing() {
        List<WsClient> fast = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fast.add(hub.join("/rooms/blast/storm?name=fast" + i));
        }
        WsClient observer = WsClient.connect(hub.ws("/hub/events"));
        observer.await("hello");
        WsClient stalled = WsClient.stalled(hub.ws("/rooms/blast/storm?name=slow"), 1);
        String slowId = stalled.await("connected").path("sessionId").asText();
        long joinedAt = stalled.await("connected").path("seq").asLong();
        fast.forEach(f -> f.await("user-joined", j -> j.path("user").asText().equals("slow")));
        WsClient sender = fast.get(0);

        long worstMillis = 0;
        int rounds = 0;
        // Blast 400 KB rounds until the hub drops the stalled consumer (its TCP buffers, then its queue, fill up).
        while (!hub.get("/api/rooms/blast/storm").body().contains("\"connections\":5")) {
            assertThat(rounds).as("rounds before the stalled consumer is dropped").isLessThan(200);
            String label = "round " + rounds++;
            long t0 = System.nanoTime();
            sender.send(blast(100, label));
            for (WsClient f : fast) {
                f.await("chat-message", m -> m.path("text").asText().equals(label));
            }
            worstMillis = Math.max(worstMillis, (System.nanoTime() - t0) / 1_000_000);
        }
        // The fast ones got every frame and kept pace.
        for (WsClient f : fast) {
            assertThat(f.ofType("chat-message")).hasSize(100 * rounds);
        }
        assertThat(worstMillis).as("worst round latency of the fast clients (ms)").isLessThan(5_000);
        observer.await("dropped", d -> d.path("sessionId").asText().equals(slowId) && d.path("policy").asText().equals("close"));
        assertThat(hub.get("/metrics").body()).contains("roomhub_slow_consumers_closed_total 1.0");

        // It reads again: what was buffered, then 1013; it resumes from the last seq it saw and misses nothing.
        stalled.unstall();
        await().atMost(Duration.ofSeconds(20)).until(stalled.closed::isDone);
        assertThat(stalled.closed.join()).isEqualTo(1013);
        long lastSeen = stalled.frames.stream().mapToLong(f -> f.path("seq").asLong(joinedAt)).max().orElse(joinedAt);
        try (WsClient back = hub.join("/rooms/blast/storm?name=slow&since=" + lastSeen)) {
            String lastRound = "round " + (rounds - 1);
            back.await("chat-message", m -> m.path("text").asText().equals(lastRound));
            List<Long> seqs = back.ofType("chat-message").stream().map(m -> m.path("seq").asLong()).toList();
            assertThat(seqs.get(0)).isEqualTo(lastSeen + 1);
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
            assertThat(back.types()).doesNotContain("reset");
        }
        fast.forEach(WsClient::close);
        observer.close();
    }

    @Test
    void a_consumer_that_falls_behind_in_a_metrics_room_gets_the_latest_value_of_each_metric_and_drops_are_counted() {
        try (WsClient observer = WsClient.connect(hub.ws("/hub/events")); WsClient publisher = hub.join("/rooms/metrics/lab?name=agent")) {
            observer.await("hello");
            publisher.await("snapshot");
            PollClient behind = PollClient.open("http://127.0.0.1:" + hub.port() + "/rooms/metrics/lab", null);
            Map<String, Double> last = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                for (String name : List.of("cpu", "mem", "disk")) {
                    double v = i + name.length() / 10.0;
                    publisher.send("{\"type\":\"metric-update\",\"name\":\"" + name + "\",\"value\":" + v + "}");
                    last.put(name, v);
                }
            }
            publisher.await("metric-updated", f -> f.path("name").asText().equals("disk") && f.path("value").asDouble() == last.get("disk"));
            publisher.await("metric-updated", f -> f.path("name").asText().equals("cpu") && f.path("value").asDouble() == last.get("cpu"));
            JsonNode body = behind.poll(0);
            Map<String, Double> got = new HashMap<>();
            int updates = 0;
            for (JsonNode f : body.path("messages")) {
                if (f.path("type").asText().equals("metric-updated")) {
                    got.put(f.path("name").asText(), f.path("value").asDouble());
                    updates++;
                }
            }
            assertThat(got).isEqualTo(last);
            assertThat(updates).isEqualTo(3); // one waiting frame per metric
            assertThat(body.has("closed")).isFalse();
            observer.await("dropped", d -> d.path("sessionId").asText().equals(behind.sessionId) && d.path("policy").asText().equals("conflate"));
            assertThat(hub.get("/metrics").body()).containsPattern("roomhub_frames_dropped_total\\{policy=\"conflate\"} [1-9]");
        }
    }
}
