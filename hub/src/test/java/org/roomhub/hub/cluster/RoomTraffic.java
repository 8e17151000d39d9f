package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.SseClient;
import org.roomhub.hub.testkit.WsClient;

/**
 * Chat traffic in many rooms of a {@link ThreeHubs} cluster, with every client's frames kept for the checks
 * issue 13 asks for: every room takes writes, no acknowledged write is missing or doubled for any client,
 * no seq names two frames, nobody was reset. A write is acknowledged when its sender gets its own echo
 * (the output gate releases it only once it is on two members and on disk). Clients fail over between
 * members; a member started again gets a new HTTP port, so clients are told apart by the port they use.
 */
final class RoomTraffic implements AutoCloseable {

    static final Duration SETTLE = Duration.ofSeconds(120);

    private final ThreeHubs hubs;
    private final Random random;
    final List<String> rooms = new ArrayList<>();
    final Map<String, List<WsClient>> ws = new LinkedHashMap<>();
    final Map<String, List<SseClient>> sse = new HashMap<>();
    final Map<String, List<PollClient>> poll = new HashMap<>();
    /** Texts acknowledged per room. */
    final Map<String, Set<String>> acked = new ConcurrentHashMap<>();
    /** Per client: the texts acknowledged before it joined (it sees those in its history, not as frames). */
    private final Map<Object, Set<String>> before = new HashMap<>();
    /** Per acknowledged text: who sent it, from which member, when (for a failing check's message). */
    private final Map<String, String> sentBy = new ConcurrentHashMap<>();
    private final long started = System.nanoTime();
    /** Member id by HTTP port, over every start of every member. */
    private final Map<Integer, String> memberByPort = new HashMap<>();
    private int attempts;

    RoomTraffic(ThreeHubs hubs, Random random, String prefix, int count) {
        this.hubs = hubs;
        this.random = random;
        for (int i = 0; i < count; i++) {
            rooms.add(prefix + i);
            acked.put(prefix + i, ConcurrentHashMap.newKeySet());
        }
        learnPorts();
    }

    /** Notes the members' current HTTP ports (call after a restart). */
    void learnPorts() {
        hubs.members.forEach((id, h) -> memberByPort.put(h.port, id));
    }

    private static String path(String room) {
        return "/rooms/chat/" + room;
    }

    /** Failover order for a client first on {@code first}: that member, then the others. */
    private List<String> order(String first) {
        List<String> ids = new ArrayList<>(List.of("a", "b", "c"));
        ids.remove(first);
        ids.add(0, first);
        return ids;
    }

    /** A WebSocket client of {@code room} on member {@code on}, failing over to the others. */
    WsClient joinWs(String room, String on) {
        WsClient c = WsClient.connect(() -> order(on).stream().map(m -> hubs.ws(m, path(room))).toList());
        c.sessionId();
        ws.computeIfAbsent(room, r -> new ArrayList<>()).add(c);
        before.put(c, Set.copyOf(acked.get(room)));
        return c;
    }

    SseClient joinSse(String room, String on) {
        SseClient c = SseClient.open(() -> order(on).stream().map(m -> hubs.member(m).http(path(room) + "/events")).toList(), null);
        c.sessionId();
        sse.computeIfAbsent(room, r -> new ArrayList<>()).add(c);
        before.put(c, Set.copyOf(acked.get(room)));
        return c;
    }

    PollClient joinPoll(String room, String on) {
        PollClient c = PollClient.open(() -> order(on).stream().map(m -> hubs.member(m).http(path(room)).toString()).toList());
        poll.computeIfAbsent(room, r -> new ArrayList<>()).add(c);
        before.put(c, Set.copyOf(acked.get(room)));
        return c;
    }

    /** The member a WebSocket client is connected to now. */
    String memberOf(WsClient c) {
        return memberByPort.get(c.current().getPort());
    }

    static String chat(String text) {
        return "{\"type\":\"chat-message\",\"text\":\"" + text + "\"}";
    }

    static List<String> texts(List<JsonNode> frames) {
        return frames.stream().filter(f -> f.path("type").asText().equals("chat-message"))
                .map(f -> f.path("text").asText()).toList();
    }

    /**
     * In every room, a WebSocket client on one of {@code live} writes {@code tag-room} until its echo comes
     * back (a new attempt, with its own text, every 2 s: an attempt may be lost with a dying host); each
     * acknowledged attempt is remembered. Returns, per room, the milliseconds until the acknowledgement.
     */
    Map<String, Long> writeEverywhere(String tag, List<String> live) {
        long start = System.nanoTime();
        Map<String, Long> took = new ConcurrentHashMap<>();
        Map<String, WsClient> sender = new HashMap<>();
        Map<String, String> attempt = new HashMap<>();
        Map<String, Long> sentAt = new HashMap<>();
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String room : rooms) {
                if (took.containsKey(room)) {
                    continue;
                }
                String text = attempt.get(room);
                WsClient s = sender.get(room);
                if (text != null && texts(s.frames).contains(text)) {
                    sentBy.put(text, "sent by a ws client on " + memberOf(s) + " at +" + (sentAt.get(room) - started) / 1_000_000
                            + " ms, echoed by +" + (System.nanoTime() - started) / 1_000_000 + " ms");
                    acked.get(room).add(text);
                    took.put(room, (System.nanoTime() - start) / 1_000_000);
                } else if (text == null || System.nanoTime() - sentAt.get(room) > 2_000_000_000L) {
                    List<WsClient> candidates = ws.get(room).stream().filter(c -> live.contains(memberOf(c))).toList();
                    s = candidates.get(random.nextInt(candidates.size()));
                    text = tag + "-" + room + "-" + attempts++;
                    sender.put(room, s);
                    attempt.put(room, text);
                    sentAt.put(room, System.nanoTime());
                    try {
                        s.send(chat(text));
                    } catch (IllegalStateException failingOver) {
                        attempt.remove(room); // its socket was just lost (it fails over): another client next time
                    }
                }
            }
            return took.size() == rooms.size();
        });
        return took;
    }

    /** Each polling client posts {@code tag-room} once and polls until it sees it (acknowledged). */
    void pollersWrite(String tag) {
        poll.forEach((room, clients) -> {
            for (PollClient c : clients) {
                String text = tag + "-" + room + "-poll-" + attempts++;
                c.poll(0); // a session unseen for 60 s (while a member restarted) is gone: this fails over first
                assertThat(c.post(chat(text))).isEqualTo(202);
                c.pollUntil("chat-message", f -> f.path("text").asText().equals(text));
                acked.get(room).add(text);
            }
        });
    }

    /**
     * Every client got every write acknowledged since it joined, exactly once, in seq order, without a
     * reset; and in each room a seq names one frame for all clients.
     */
    void assertNothingMissed() {
        for (String room : rooms) {
            Map<Long, JsonNode> named = new HashMap<>();
            for (WsClient c : ws.get(room)) {
                await().atMost(SETTLE).untilAsserted(() -> assertThat(new HashSet<>(texts(c.frames)))
                        .as(() -> "ws of " + room + " on " + memberOf(c) + " (" + c.failovers.get() + " failovers), " + missing(c, room)
                                + "; its frames " + seen(c.frames))
                        .containsAll(expected(c, room)));
                assertOneHistory(room, "ws on " + memberOf(c), c.frames, named, expected(c, room));
            }
            for (SseClient c : sse.getOrDefault(room, List.of())) {
                await().atMost(SETTLE).untilAsserted(() -> assertThat(new HashSet<>(texts(data(c))))
                        .as("sse of %s", room).containsAll(expected(c, room)));
                assertOneHistory(room, "sse", data(c), named, expected(c, room));
            }
            for (PollClient c : poll.getOrDefault(room, List.of())) {
                await().atMost(SETTLE).untilAsserted(() -> {
                    c.poll(1);
                    assertThat(new HashSet<>(texts(c.frames))).as("poll of %s", room).containsAll(expected(c, room));
                });
                assertOneHistory(room, "poll", c.frames, named, expected(c, room));
            }
        }
    }

    /** The acknowledged texts {@code c} lacks, with who sent them when. */
    private String missing(WsClient c, String room) {
        Set<String> lacking = expected(c, room);
        lacking.removeAll(texts(c.frames));
        return lacking.stream().map(t -> t + " (seq " + seqOf(room, t) + ", " + sentBy.getOrDefault(t, "sent by a poller") + ")")
                .toList().toString();
    }

    /** The seq another WebSocket client of {@code room} got {@code text} with, or -1. */
    private long seqOf(String room, String text) {
        return ws.get(room).stream().flatMap(c -> c.frames.stream())
                .filter(f -> f.path("text").asText().equals(text)).mapToLong(f -> f.path("seq").asLong(-1)).findFirst().orElse(-1);
    }

    private Set<String> expected(Object client, String room) {
        Set<String> want = new HashSet<>(acked.get(room));
        want.removeAll(before.get(client));
        return want;
    }

    private static List<JsonNode> data(SseClient c) {
        return c.events.stream().map(SseClient.Event::data).toList(); // the data carries the frame's type too
    }

    private static void assertOneHistory(String room, String who, List<JsonNode> frames, Map<Long, JsonNode> named, Set<String> acked) {
        List<String> types = frames.stream().map(f -> f.path("type").asText()).toList();
        String seen = seen(frames);
        assertThat(types).as("%s of %s: no reset, the room's history went on; got %s", who, room, seen).doesNotContain("reset");
        List<Long> seqs = new ArrayList<>();
        for (JsonNode f : frames) {
            if (f.has("seq") && !f.path("type").asText().equals("connected")) {
                long seq = f.path("seq").asLong();
                seqs.add(seq);
                JsonNode first = named.putIfAbsent(seq, f);
                assertThat(first == null || sameFrame(first, f)).as("%s: seq %d names one frame: %s / %s", room, seq, first, f).isTrue();
            }
        }
        assertThat(seqs).as("%s of %s: each seq once, in order", who, room).isSorted().doesNotHaveDuplicates();
        List<String> texts = texts(frames);
        for (String text : acked) {
            assertThat(texts.stream().filter(text::equals).count()).as("%s of %s got acknowledged %s once", who, room, text).isEqualTo(1);
        }
    }

    /** Each frame's type and seq ({@code @asOf} of a reset), in the order received. */
    private static String seen(List<JsonNode> frames) {
        return List.copyOf(frames).stream().map(f -> f.path("type").asText() + (f.has("seq") ? ":" + f.path("seq").asLong() : "")
                + (f.has("asOf") ? "@" + f.path("asOf").asLong() : "")).toList().toString();
    }

    /** The same frame as seen over two transports (SSE carries the type beside the data). */
    private static boolean sameFrame(JsonNode a, JsonNode b) {
        return a.path("type").equals(b.path("type")) && a.path("text").equals(b.path("text"))
                && a.path("ts").equals(b.path("ts")) && a.path("sessionId").equals(b.path("sessionId"));
    }

    /** A fresh client on {@code on} reads each room's history: every acknowledged write is there, once. */
    void assertHistoryHasEverything(String on) {
        for (String room : rooms) {
            WsClient fresh = WsClient.connect(hubs.ws(on, path(room)));
            try {
                JsonNode history = fresh.await("history");
                List<String> texts = new ArrayList<>();
                history.path("messages").forEach(m -> texts.add(m.path("text").asText()));
                for (String text : acked.get(room)) {
                    assertThat(texts.stream().filter(text::equals).count()).as("%s's history has %s once", room, text).isEqualTo(1);
                }
            } finally {
                fresh.close();
            }
        }
    }

    @Override
    public void close() {
        ws.values().forEach(l -> l.forEach(WsClient::close));
        sse.values().forEach(l -> l.forEach(SseClient::close));
    }
}
