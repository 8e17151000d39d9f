package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.Hub;
import org.roomhub.hub.testkit.WsClient;

/**
 * {@code /api/rooms}, the observer's {@code hello} and a room's session list cover the whole cluster:
 * two real hubs in this JVM form one cluster on loopback; each member lists the rooms hosted on the
 * other too, each row naming its host ({@code node}), and the host reports a remote session's queue
 * as its edge member told it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterListingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Hub> hubs = new java.util.LinkedHashMap<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    void twoMembers(@TempDir Path dir) throws Exception {
        List<Integer> ports = LoopbackPorts.pick(2);
        var members = ClusterSettings.HostPort.parseList(LoopbackPorts.members(ports));
        List<CompletableFuture<Hub>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = List.of("a", "b").get(i);
            var bind = members.get(i);
            starting.add(CompletableFuture.supplyAsync(() -> Hub.create(cfg -> {
                cfg.storage.dataDir = dir.resolve(id);
                cfg.cluster = new ClusterSettings("listing-test", bind, members, id);
            }).start(0)));
        }
        hubs.put("a", starting.get(0).get(5, TimeUnit.MINUTES));
        hubs.put("b", starting.get(1).get(5, TimeUnit.MINUTES));
        for (String id : hubs.keySet()) {
            await().atMost(Duration.ofMinutes(2)).until(() ->
                    count(get(id, "/api/cluster").path("members"), m -> m.path("state").asText().equals("up")) == 2);
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        hubs.values().forEach(Hub::stop);
    }

    @Test
    @Order(1)
    void everyMemberListsEveryRoomOfTheClusterWithItsHostAndTheHelloDoesToo() throws Exception {
        String onA = roomOn("a");
        String onB = roomOn("b");
        // Each room gets a client through the other member: the host has one remote session.
        WsClient viaB = join("b", onA);
        WsClient viaA = join("a", onB);
        WsClient local = join("a", onA);

        for (String asked : hubs.keySet()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode list = get(asked, "/api/rooms");
                assertThat(row(list, onA).path("node").asText()).isEqualTo("a");
                assertThat(row(list, onB).path("node").asText()).isEqualTo("b");
                assertThat(row(list, onA).path("connections").asInt()).isEqualTo(2);
                assertThat(row(list, onB).path("connections").asInt()).isEqualTo(1);
                assertThat(list.path("nodes").toString()).isEqualTo("[\"a\",\"b\"]");
                assertThat(list.path("missing").size()).as("no member failed to answer").isZero();
            });
        }

        try (WsClient observer = WsClient.connect(URI.create(url("b").replace("http", "ws") + "/hub/events"))) {
            JsonNode hello = observer.await("hello");
            List<String> rooms = StreamSupport.stream(hello.path("rooms").spliterator(), false)
                    .map(r -> r.path("type").asText() + "/" + r.path("name").asText() + "@" + r.path("node").asText()).toList();
            assertThat(rooms).contains("chat/" + onA + "@a", "chat/" + onB + "@b");
            assertThat(hello.path("missing").size()).isZero();
        }

        JsonNode sessions = get("a", "/api/rooms/chat/" + onA + "/sessions").path("sessions");
        JsonNode remote = find(sessions, viaB.sessionId());
        JsonNode mine = find(sessions, local.sessionId());
        assertThat(remote.path("node").asText()).as("the remote client's member").isEqualTo("b");
        assertThat(remote.has("queuedFrames")).as("its queue as member b reports it").isTrue();
        assertThat(remote.path("queuedFrames").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(mine.path("node").asText()).isEqualTo("a");
        assertThat(viaA.sessionId()).isNotBlank();
    }

    /**
     * Member b stays in the view but its answers reach a only after the listing's 2 s: JGroups {@code DELAY}
     * (constant 3.5 s on what a receives, inserted above {@code TCP} at run time; heartbeats still arrive
     * every 1.5 s, so failure detection, 6 s, keeps b in the view).
     */
    @Test
    @Order(2)
    void aMemberThatDoesNotAnswerInTimeIsNamedMissingAndTheListHasTheOthersRooms() throws Exception {
        String onA = roomOn("a");
        String onB = roomOn("b");
        join("a", onA);
        join("b", onB);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("a", "/api/rooms").path("missing").size()).isZero());

        org.jgroups.JChannel channel = ((org.infinispan.remoting.transport.jgroups.JGroupsTransport)
                org.infinispan.factories.GlobalComponentRegistry.componentOf(hubs.get("a").cluster().orElseThrow().cacheManager(),
                        org.infinispan.remoting.transport.Transport.class)).getChannel();
        org.jgroups.protocols.DELAY delay = new org.jgroups.protocols.DELAY();
        delay.setValue("constant_delay", true);
        channel.getProtocolStack().insertProtocol(delay, org.jgroups.stack.ProtocolStack.Position.ABOVE, org.jgroups.protocols.TCP.class);
        delay.init();
        delay.start();
        delay.setInDelay(3_500);
        try {
            // Each request asks again; a busy machine may fire the 2 s timer late, so wait for one that timed out.
            JsonNode partial = await().atMost(Duration.ofSeconds(90)).until(() -> get("a", "/api/rooms"),
                    l -> l.path("missing").toString().equals("[\"b\"]"));
            assertThat(partial.path("nodes").toString()).as("only a's rooms are in it").isEqualTo("[\"a\"]");
            assertThat(row(partial, onA).path("node").asText()).isEqualTo("a");
            assertThat(partial.path("rooms").toString()).as("b's room is absent, not guessed").doesNotContain("\"" + onB + "\"");
            assertThat(hubs.get("a").cluster().orElseThrow().inView("b")).as("b is still in a's view").isTrue();
        } finally {
            delay.setInDelay(0);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode list = get("a", "/api/rooms");
            assertThat(list.path("missing").size()).isZero();
            assertThat(row(list, onB).path("node").asText()).isEqualTo("b");
        });
    }

    /**
     * Hibernation is passivation in a cluster: the room's object leaves memory on its host (state
     * {@code hibernating}) while a client connected through the other member keeps its socket there, and its
     * next message wakes the room with its history.
     */
    @Test
    @Order(3)
    void anIdleRoomHibernatesOnItsHostWhileItsClientOnAnotherMemberKeepsItsSocketAndWakesIt() throws Exception {
        String room = roomOn("a", "nap-");
        WsClient viaB = join("b", room);
        viaB.send("{\"type\":\"chat-message\",\"text\":\"before the nap\"}");
        viaB.await("chat-message", f -> f.path("text").asText().equals("before the nap"));

        HttpResponse<String> nap = HTTP.send(HttpRequest.newBuilder(URI.create(url("a") + "/api/rooms/chat/" + room + "/hibernate"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(nap.statusCode()).as(nap.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = get("a", "/api/rooms/chat/" + room);
            assertThat(stats.path("state").asText()).isEqualTo("hibernating");
            assertThat(stats.path("node").asText()).isEqualTo("a");
            assertThat(stats.path("connections").asInt()).as("the remote client is still the room's").isEqualTo(1);
        });
        assertThat(viaB.closed).as("the client's socket on member b stays open").isNotDone();

        viaB.send("{\"type\":\"chat-message\",\"text\":\"after the nap\"}");
        viaB.await("chat-message", f -> f.path("text").asText().equals("after the nap"));
        JsonNode stats = get("a", "/api/rooms/chat/" + room);
        assertThat(stats.path("hibernations").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("state").asText()).isNotEqualTo("hibernating");
        try (WsClient late = join("b", room)) {
            assertThat(late.await("history").toString()).as("the woken room kept its history").contains("before the nap", "after the nap");
        }
    }

    private WsClient join(String member, String room) {
        WsClient c = WsClient.connect(URI.create(url(member).replace("http", "ws") + "/rooms/chat/" + room + "?name=u" + member));
        clients.add(c);
        c.await("connected");
        return c;
    }

    private String roomOn(String host) {
        return roomOn(host, "list-");
    }

    private String roomOn(String host, String prefix) {
        ClusterNode node = hubs.get("a").cluster().orElseThrow();
        for (int i = 0; i < 100; i++) {
            if (node.owner("chat/" + prefix + i).equals(host)) {
                return prefix + i;
            }
        }
        throw new AssertionError("no room of 100 placed on " + host);
    }

    private static JsonNode row(JsonNode list, String name) {
        return find(list.path("rooms"), r -> r.path("name").asText().equals(name));
    }

    private static JsonNode find(JsonNode sessions, String sessionId) {
        return find(sessions, s -> s.path("sessionId").asText().equals(sessionId));
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode n : array) {
            if (test.test(n)) {
                return n;
            }
        }
        throw new AssertionError("not found in " + array);
    }

    private static long count(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        return StreamSupport.stream(array.spliterator(), false).filter(test).count();
    }

    private String url(String member) {
        return "http://127.0.0.1:" + hubs.get(member).port();
    }

    private JsonNode get(String member, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(member) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
