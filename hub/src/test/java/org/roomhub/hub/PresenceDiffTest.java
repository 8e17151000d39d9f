package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/**
 * PROTOCOL.md, Every room: above 100 connections joins and leaves reach the others as coalesced
 * {@code presence-diff} broadcasts, not one {@code user-joined} / {@code user-left} per session to everyone.
 */
class PresenceDiffTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    /** Clients still in the room, in join order. */
    private final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void closeAll() {
        clients.forEach(WsClient::abort);
    }

    @Test
    void a_room_with_more_than_100_members_gets_presence_diffs_with_exact_lists_and_gap_free_seqs() throws Exception {
        WsClient watcher = join("/rooms/chat/big");
        fill("/rooms/chat/big", 99); // 100 members: each join was still a user-joined
        await().atMost(WAIT).until(() -> watcher.ofType("user-joined").size() == 99);

        List<WsClient> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(join("/rooms/chat/big"));
        }
        List<WsClient> leavers = List.of(clients.get(5), clients.get(6), burst.get(0), burst.get(29));
        leavers.forEach(this::leave);
        Set<String> burstIds = ids(burst);
        Set<String> leaverIds = ids(leavers);

        await().atMost(WAIT).until(() -> union(watcher, "left").containsAll(leaverIds));
        assertThat(union(watcher, "joined")).isEqualTo(burstIds);
        assertThat(union(watcher, "left")).isEqualTo(leaverIds);
        assertThat(watcher.ofType("user-joined")).hasSize(99);
        assertThat(watcher.ofType("user-left")).isEmpty();

        List<Long> seqs = watcher.frames.stream().filter(f -> f.has("seq") && !f.path("type").asText().equals("connected"))
                .map(f -> f.path("seq").asLong()).toList();
        // The watcher's own user-joined (to the others) took connected.seq + 1; every later one reached it.
        long first = watcher.await("connected").path("seq").asLong() + 2;
        assertThat(seqs).as("every broadcast seq once, none missing").isEqualTo(range(first, seqs.size()));
        JsonNode stats = JSON.readTree(hub.get("/api/rooms/chat/big").body());
        assertThat(stats.path("seq").asLong()).isEqualTo(seqs.get(seqs.size() - 1));
        assertThat(online(watcher)).isEqualTo(openIds());
    }

    @Test
    void a_joiner_of_a_big_room_ends_with_the_right_online_list_from_its_welcome_and_the_next_diff() {
        fill("/rooms/chat/late", 120);
        leave(clients.get(3));
        WsClient late = join("/rooms/chat/late");
        await().atMost(WAIT).until(() -> online(late).equals(openIds()));
        assertThat(late.ofType("user-joined")).isEmpty();
    }

    @Test
    void a_client_that_resumes_across_presence_diffs_ends_with_the_right_online_list() {
        fill("/rooms/chat/resume", 110);
        WsClient away = clients.get(0);
        await().atMost(WAIT).until(() -> online(away).equals(openIds()));
        long lastSeq = away.frames.stream().filter(f -> f.has("seq")).mapToLong(f -> f.path("seq").asLong()).max().orElseThrow();
        leave(away);
        fill("/rooms/chat/resume", 5);
        leave(clients.get(10));

        WsClient back = join("/rooms/chat/resume?since=" + lastSeq);
        await().atMost(WAIT).until(() -> back.has("presence-diff", f -> true));
        assertThat(back.ofType("reset")).isEmpty();
        // The old list, then what was replayed and what came since, as a resuming client applies them.
        List<JsonNode> resumed = new ArrayList<>(away.frames);
        await().atMost(WAIT).until(() -> {
            List<JsonNode> all = new ArrayList<>(resumed);
            all.addAll(back.frames);
            return apply(all).equals(openIds());
        });
    }

    @Test
    void a_metrics_room_with_more_than_100_members_coalesces_too() {
        WsClient watcher = join("/rooms/metrics/big");
        fill("/rooms/metrics/big", 119);
        await().atMost(WAIT).until(() -> online(watcher).equals(openIds()));
        assertThat(watcher.ofType("user-joined")).hasSize(99);
        assertThat(union(watcher, "joined")).hasSize(20);
    }

    @Test
    void a_joiner_of_a_big_map_room_sees_the_pins_set_since_the_last_diff_and_who_is_online() {
        fill("/rooms/map/big", 105);
        WsClient first = join("/rooms/map/big");
        first.send("{\"type\":\"set-pin\",\"location\":{\"lat\":48.1,\"lng\":11.6},\"label\":\"here\"}");
        first.await("pin-update");
        WsClient late = join("/rooms/map/big");
        JsonNode state = late.await("map-state");
        assertThat(state.path("pins").toString()).contains("\"label\":\"here\"");
        await().atMost(WAIT).until(() -> online(late).equals(openIds()));
    }

    private WsClient join(String path) {
        WsClient c = hub.join(path);
        clients.add(c);
        c.await("connected");
        return c;
    }

    private void leave(WsClient c) {
        c.abort();
        clients.remove(c);
    }

    private void fill(String path, int n) {
        for (int i = 0; i < n; i++) {
            join(path);
        }
    }

    private Set<String> openIds() {
        return ids(clients);
    }

    private static Set<String> ids(List<WsClient> cs) {
        return cs.stream().map(WsClient::sessionId).collect(Collectors.toSet());
    }

    private static Set<String> union(WsClient c, String list) {
        Set<String> out = new LinkedHashSet<>();
        c.ofType("presence-diff").forEach(d -> d.path(list).forEach(p -> out.add(p.path("sessionId").asText())));
        return out;
    }

    private static List<Long> range(long first, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(first + i);
        }
        return out;
    }

    /** Who a client believes is online: its own session, its welcome list and every presence frame since. */
    private static Set<String> online(WsClient c) {
        return apply(c.frames);
    }

    private static Set<String> apply(List<JsonNode> frames) {
        Set<String> online = new LinkedHashSet<>();
        for (JsonNode f : frames) {
            switch (f.path("type").asText()) {
                case "connected" -> online.add(f.path("sessionId").asText());
                case "presence" -> {
                    online.clear();
                    f.path("users").forEach(u -> online.add(u.path("sessionId").asText()));
                }
                case "map-state" -> {
                    if (f.has("online")) {
                        online.clear();
                        f.path("online").forEach(u -> online.add(u.path("sessionId").asText()));
                    }
                }
                case "user-joined" -> online.add(f.path("sessionId").asText());
                case "user-left" -> online.remove(f.path("sessionId").asText());
                case "presence-diff" -> {
                    f.path("joined").forEach(u -> online.add(u.path("sessionId").asText()));
                    f.path("left").forEach(u -> online.remove(u.path("sessionId").asText()));
                }
                default -> { }
            }
        }
        return online;
    }
}
