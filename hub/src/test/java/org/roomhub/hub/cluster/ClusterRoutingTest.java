package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.SseClient;
import org.roomhub.hub.testkit.WsClient;

/**
 * Every member is an edge, each room runs on one member: three hub JVMs on loopback share one
 * cluster for the class (the failover test, which kills a member, runs last).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRoutingTest {

    private static final List<String> IDS = List.of("a", "b", "c");
    private static final Duration FRAMES = Duration.ofSeconds(30);

    private ThreeHubs hubs;
    private final List<AutoCloseable> clients = new ArrayList<>();
    /** Left by the failover test for the restart test: the killed member, and each room's clients. */
    private String killed;
    private List<List<WsClient>> failoverRooms;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        hubs = ThreeHubs.start(dir);
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        if (hubs != null) {
            hubs.close();
        }
    }

    private static String chat(String text) {
        return "{\"type\":\"chat-message\",\"text\":\"" + text + "\"}";
    }

    /** A room name (of {@code prefix}-N) that placement gives member {@code host}. */
    private String roomOn(String host, String prefix) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (hubs.hostOf("a", "chat/" + prefix + i).equals(host)) {
                return prefix + i;
            }
        }
        throw new AssertionError("no room of 100 placed on " + host);
    }

    private static List<JsonNode> chats(List<JsonNode> frames, String prefix) {
        return frames.stream().filter(f -> f.path("type").asText().equals("chat-message")
                && f.path("text").asText().startsWith(prefix)).toList();
    }

    /** Every client got each seq once, and a seq names the same frame for every client of the room; none was reset. */
    private static void assertOneHistory(List<WsClient> inRoom) {
        Map<Long, JsonNode> named = new HashMap<>();
        for (WsClient c : inRoom) {
            assertThat(c.types()).as("no reset: the room's history went on").doesNotContain("reset");
            List<Long> seqs = new ArrayList<>();
            for (JsonNode f : c.frames) {
                if (f.has("seq") && !f.path("type").asText().equals("connected")) {
                    long seq = f.path("seq").asLong();
                    seqs.add(seq);
                    JsonNode before = named.putIfAbsent(seq, f);
                    assertThat(before == null || before.equals(f)).as("seq %d names one frame: %s / %s", seq, before, f).isTrue();
                }
            }
            assertThat(seqs).as("each seq once, in order").isSorted().doesNotHaveDuplicates();
        }
    }

    private static void assertOnceInOrder(List<JsonNode> got, List<String> texts) {
        assertThat(got.stream().map(f -> f.path("text").asText()).toList()).isEqualTo(texts);
        List<Long> seqs = got.stream().map(f -> f.path("seq").asLong()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @Order(1)
    void aClientOnOneMemberChatsInARoomHostedOnAnotherAndClientsOnAThirdGetEveryFrameOnceInOrderOverEveryTransport()
            throws Exception {
        String room = roomOn("b", "forward-");
        String path = "/rooms/chat/" + room;
        WsClient ws = WsClient.connect(hubs.ws("c", path));
        clients.add(ws);
        SseClient sse = SseClient.open(hubs.member("c").http(path + "/events"), null);
        clients.add(sse);
        PollClient poll = PollClient.open(hubs.member("c").http(path).toString(), null);
        WsClient sender = WsClient.connect(hubs.ws("a", path));
        clients.add(sender);
        ws.sessionId();
        sse.sessionId();
        sender.sessionId();

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            texts.add("fwd-" + i);
            sender.send(chat("fwd-" + i));
        }
        await().atMost(FRAMES).until(() -> chats(ws.frames, "fwd-").size() >= 30 && chats(sender.frames, "fwd-").size() >= 30);
        assertOnceInOrder(chats(ws.frames, "fwd-"), texts);
        assertOnceInOrder(chats(sender.frames, "fwd-"), texts);
        await().atMost(FRAMES).until(() -> sse.events.stream().filter(e -> e.type().equals("chat-message")).count() >= 30);
        assertOnceInOrder(chats(sse.events.stream().map(SseClient.Event::data).toList(), "fwd-"), texts);
        await().atMost(FRAMES).until(() -> {
            poll.poll(1);
            return chats(poll.frames, "fwd-").size() >= 30;
        });
        assertOnceInOrder(chats(poll.frames, "fwd-"), texts);

        JsonNode stats = hubs.get("b", "/api/rooms/chat/" + room);
        assertThat(stats.path("node").asText()).isEqualTo("b");
        assertThat(stats.path("connections").asInt()).isEqualTo(4);
        assertThat(stats.path("epoch").asLong()).isPositive();
        // Asked of another member, the room's REST paths answer 307 to its host.
        assertThat(hubs.raw("a", "/api/rooms/chat/" + room).statusCode()).isEqualTo(307);
    }

    @Test
    @Order(2)
    void killingTheMemberHostingTheMostRoomsMovesItsRoomsWhileClientsOfTheOthersKeepTheirSockets() throws Exception {
        int rooms = 24;
        Map<String, List<WsClient>> byMember = new HashMap<>();
        List<List<WsClient>> byRoom = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            List<WsClient> inRoom = new ArrayList<>();
            for (String m : IDS) {
                List<URI> uris = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    uris.add(hubs.ws(IDS.get((IDS.indexOf(m) + k) % 3), "/rooms/chat/fo-" + i));
                }
                WsClient c = WsClient.connect(uris);
                clients.add(c);
                inRoom.add(c);
                byMember.computeIfAbsent(m, x -> new ArrayList<>()).add(c);
            }
            byRoom.add(inRoom);
        }
        for (List<WsClient> inRoom : byRoom) {
            for (int k = 0; k < 3; k++) {
                inRoom.get(k).sessionId();
            }
            inRoom.get(0).send(chat("before"));
        }
        Map<String, String> hostByRoom = new HashMap<>();
        Map<String, Long> epochBefore = new HashMap<>();
        for (int i = 0; i < rooms; i++) {
            String host = hubs.hostOf("a", "chat/fo-" + i);
            hostByRoom.put("fo-" + i, host);
            List<WsClient> inRoom = byRoom.get(i);
            await().atMost(FRAMES).until(() -> inRoom.stream().allMatch(c -> !chats(c.frames, "before").isEmpty()));
            epochBefore.put("fo-" + i, hubs.get(host, "/api/rooms/chat/fo-" + i).path("epoch").asLong());
        }
        String victim = hostByRoom.values().stream().collect(Collectors.groupingBy(h -> h, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<String> survivors = IDS.stream().filter(m -> !m.equals(victim)).toList();

        // An SSE and a polling client of room fo-0 on the member about to die, failing over to the others.
        List<String> order = new ArrayList<>(List.of(victim));
        order.addAll(survivors);
        SseClient sse = SseClient.open(order.stream().map(m -> hubs.member(m).http("/rooms/chat/fo-0/events")).toList(), null);
        clients.add(sse);
        PollClient poll = PollClient.open(order.stream().map(m -> hubs.member(m).http("/rooms/chat/fo-0").toString()).toList());
        sse.sessionId();

        long killed = System.nanoTime();
        hubs.member(victim).kill9();
        this.killed = victim;
        this.failoverRooms = byRoom;

        // Every room takes writes again: a survivor's client in each room sends until its message comes back.
        long[] writable = new long[rooms];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            boolean all = true;
            for (int i = 0; i < rooms; i++) {
                if (writable[i] > 0) {
                    continue;
                }
                WsClient sender = byRoom.get(i).get(IDS.indexOf(survivors.get(i % 2)));
                if (chats(sender.frames, "after-" + i).isEmpty()) {
                    sender.send(chat("after-" + i));
                    all = false;
                } else {
                    writable[i] = System.nanoTime() - killed;
                }
            }
            return all;
        });
        for (int i = 0; i < rooms; i++) {
            List<WsClient> inRoom = byRoom.get(i);
            String text = "after-" + i;
            await().atMost(FRAMES).until(() -> inRoom.stream().allMatch(c -> !chats(c.frames, text).isEmpty()));
        }
        await().atMost(FRAMES).until(() -> sse.events.stream().anyMatch(e -> e.data().path("text").asText().equals("after-0")));
        assertThat(sse.failovers.get()).as("the SSE client re-opened its stream on another member").isPositive();
        assertThat(sse.types()).doesNotContain("reset");
        await().atMost(FRAMES).until(() -> {
            poll.poll(1);
            return !chats(poll.frames, "after-0").isEmpty();
        });
        assertThat(poll.failovers).as("the polling client moved to another member").isPositive();
        assertThat(poll.types()).doesNotContain("reset");
        for (String m : survivors) {
            for (WsClient c : byMember.get(m)) {
                assertThat(c.failovers.get()).as("a survivor's client kept its socket").isZero();
                assertThat(c.closed).isNotDone();
            }
        }
        for (WsClient c : byMember.get(victim)) {
            assertThat(c.failovers.get()).as("the dead member's client joined another member").isPositive();
        }
        for (int i = 0; i < rooms; i++) {
            String room = "fo-" + i;
            String host = hubs.hostOf(survivors.get(0), "chat/" + room);
            assertThat(host).isIn(survivors);
            JsonNode stats = hubs.get(host, "/api/rooms/chat/" + room);
            assertThat(stats.path("epoch").asLong()).as("epochs only grow").isGreaterThanOrEqualTo(epochBefore.get(room));
            if (hostByRoom.get(room).equals(victim)) {
                assertThat(stats.path("epoch").asLong()).isGreaterThan(epochBefore.get(room));
            }
        }
        // With the replicated store: nothing acknowledged is missing and nobody missed a frame.
        for (int i = 0; i < rooms; i++) {
            assertOneHistory(byRoom.get(i));
            for (WsClient c : byRoom.get(i)) {
                assertThat(chats(c.frames, "before")).as("the acknowledged message, once").hasSize(1);
            }
            WsClient fresh = WsClient.connect(hubs.ws(survivors.get(0), "/rooms/chat/fo-" + i));
            clients.add(fresh);
            JsonNode history = fresh.await("history");
            List<String> texts = new ArrayList<>();
            history.path("messages").forEach(m -> texts.add(m.path("text").asText()));
            assertThat(texts).as("the new host has every acknowledged message").contains("before", "after-" + i);
        }
        long slowest = java.util.Arrays.stream(writable).max().orElse(0);
        System.out.printf("failover: %d rooms of %s writable again after %d ms (first %d ms)%n",
                hostByRoom.values().stream().filter(victim::equals).count(), victim, slowest / 1_000_000,
                java.util.Arrays.stream(writable).min().orElse(0) / 1_000_000);
    }

    @Test
    @Order(3)
    void whenTheKilledMemberComesBackItsRoomsMoveBackAndEveryClientKeepsItsSocket() throws Exception {
        assertThat(killed).as("runs after the failover test").isNotNull();
        hubs.restart(killed);
        hubs.awaitUp(IDS);
        int rooms = failoverRooms.size();
        boolean[] done = new boolean[rooms];
        try {
            awaitBack(rooms, done);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            for (int i = 0; i < rooms; i++) {
                if (!done[i]) {
                    System.out.println("not back: fo-" + i + " host " + hubs.hostOf("a", "chat/fo-" + i));
                    for (WsClient c : failoverRooms.get(i)) {
                        List<String> types = c.types();
                        System.out.println("  client failovers=" + c.failovers + " last frames " + types.subList(Math.max(0, types.size() - 12), types.size()));
                    }
                }
            }
            hubs.members.forEach((id, h) -> h.output.stream().filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception"))
                    .limit(40).forEach(l -> System.out.println(id + ": " + l)));
            throw e;
        }
        int movedBack = 0;
        for (int i = 0; i < rooms; i++) {
            if (hubs.hostOf("a", "chat/fo-" + i).equals(killed)) {
                movedBack++;
            }
            for (WsClient c : failoverRooms.get(i)) {
                assertThat(c.closed).as("every client kept a socket (its own or the one it failed over to)").isNotDone();
            }
        }
        assertThat(movedBack).as("placement gives the restarted member rooms again").isPositive();
        for (List<WsClient> inRoom : failoverRooms) {
            assertOneHistory(inRoom);
        }
    }

    /** Each room's first client sends {@code back-i} until every client of the room got it. */
    private void awaitBack(int rooms, boolean[] done) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            boolean all = true;
            for (int i = 0; i < rooms; i++) {
                List<WsClient> inRoom = failoverRooms.get(i);
                String text = "back-" + i;
                if (done[i]) {
                    continue;
                }
                if (inRoom.stream().allMatch(c -> !chats(c.frames, text).isEmpty())) {
                    done[i] = true;
                } else {
                    if (chats(inRoom.get(0).frames, text).isEmpty()) {
                        inRoom.get(0).send(chat(text)); // again, until the room answers on its current host
                    }
                    all = false;
                }
            }
            return all;
        });
    }
}
