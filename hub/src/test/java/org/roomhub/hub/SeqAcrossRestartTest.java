package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/**
 * Issue 9, item 2: a {@code seq} names exactly one broadcast frame. Twenty clients in a chat and a
 * metrics room collect every frame that carries a {@code seq} before, during and after a hub restart on
 * the same data folder (resuming and joining fresh); no number may name two different frames, and
 * only broadcasts (and {@code connected}) carry one.
 */
class SeqAcrossRestartTest {

    private static final int CLIENTS = 20;
    private static final Set<String> BROADCASTS = Set.of("user-joined", "user-left", "presence-diff", "metric-updated",
            "chat-message", "presence", "pin-update", "pin-removed", "route", "map-state", "snapshots");

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    /** Per room, every frame that had a seq, as collected by all clients of both hub lives. */
    private final Map<String, List<JsonNode>> collected = new HashMap<>();

    @Test
    void no_seq_names_two_different_frames_across_a_hub_restart() {
        Map<Integer, Long> lastSeqOf = new HashMap<>();
        List<WsClient> first = joinAll(null);
        talk(first, "before");
        hub.stop();
        for (int i = 0; i < CLIENTS; i++) {
            WsClient c = first.get(i);
            await().atMost(Duration.ofSeconds(10)).until(c.closed::isDone);
            lastSeqOf.put(i, c.frames.stream().filter(f -> f.has("seq") && !f.path("type").asText().equals("connected"))
                    .mapToLong(f -> f.path("seq").asLong()).max().orElse(0));
            collect(i, c);
        }
        hub.start();
        // Half resume where they were, half join fresh: both welcomes and replays are checked.
        List<WsClient> second = joinAll(lastSeqOf);
        talk(second, "after");
        for (int i = 0; i < CLIENTS; i++) {
            second.get(i).close();
            collect(i, second.get(i));
        }

        assertThat(collected).containsKeys("chat", "metrics");
        collected.forEach((room, frames) -> {
            Map<Long, JsonNode> bySeq = new HashMap<>();
            for (JsonNode f : frames) {
                String type = f.path("type").asText();
                if (type.equals("connected")) {
                    continue; // the point to resume from, not a frame of its own
                }
                assertThat(BROADCASTS).as("%s frame %s carries a seq", room, f).contains(type);
                JsonNode earlier = bySeq.putIfAbsent(f.path("seq").asLong(), f);
                assertThat(earlier == null || earlier.equals(f))
                        .as("%s seq %d names %s and %s", room, f.path("seq").asLong(), earlier, f).isTrue();
            }
            assertThat(bySeq).as("%s broadcasts collected", room).hasSizeGreaterThan(CLIENTS);
        });
    }

    /** Client i joins chat when even, metrics when odd; with {@code since}, odd-numbered pairs resume. */
    private List<WsClient> joinAll(Map<Integer, Long> since) {
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String path = room(i).equals("chat") ? "/rooms/chat/seq?name=c" + i : "/rooms/metrics/seq?name=c" + i;
            if (since != null && (i / 2) % 2 == 1) {
                path += "&since=" + since.get(i);
            }
            WsClient c = hub.join(path);
            c.await("connected");
            clients.add(c);
        }
        return clients;
    }

    private void talk(List<WsClient> clients, String phase) {
        for (int i = 0; i < CLIENTS; i++) {
            WsClient c = clients.get(i);
            if (room(i).equals("chat")) {
                c.send("{\"type\":\"chat-message\",\"text\":\"" + phase + " " + i + "\"}");
                c.send("{\"type\":\"set-name\",\"name\":\"" + phase + i + "\"}");
            } else {
                c.send("{\"type\":\"metric-update\",\"name\":\"m" + i + "\",\"value\":" + i + "}");
            }
        }
        // Everyone has heard the last word of every talker.
        for (int i = 0; i < CLIENTS; i++) {
            String text = phase + " " + (room(i).equals("chat") ? CLIENTS - 2 : CLIENTS - 1);
            if (room(i).equals("chat")) {
                clients.get(i).await("chat-message", f -> f.path("text").asText().equals(text));
            } else {
                clients.get(i).await("metric-updated", f -> f.path("name").asText().equals("m" + (CLIENTS - 1)));
            }
        }
    }

    private void collect(int i, WsClient c) {
        c.frames.stream().filter(f -> f.has("seq")).forEach(f -> collected.computeIfAbsent(room(i), r -> new ArrayList<>()).add(f));
    }

    private static String room(int i) {
        return i % 2 == 0 ? "chat" : "metrics";
    }
}
