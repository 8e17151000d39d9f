package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.cluster.LoopbackPorts;
import org.roomhub.hub.testkit.HubProcess;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/** Hubs started with {@code --cluster} (child JVMs on loopback) know each other; a hub without it is alone. */
class ClusterHubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration CHANGE = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    /** A hub without {@code --cluster}, started only by the test that needs it. */
    @RegisterExtension
    final RunningHub alone = RunningHub.onPort0().notStarted();

    private final List<HubProcess> hubs = new ArrayList<>();

    @AfterEach
    void killAll() throws InterruptedException {
        for (HubProcess h : hubs) {
            h.kill9();
        }
    }

    private HubProcess member(String id, int port, String all) throws Exception {
        HubProcess h = HubProcess.start(dir.resolve(id), List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                line -> {}, "--cluster", "test-hubs", "--cluster-bind", "127.0.0.1:" + port,
                "--cluster-members", all, "--node-id", id);
        hubs.add(h);
        return h;
    }

    private static JsonNode cluster(HubProcess h) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port + "/api/cluster")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String members(JsonNode view) {
        List<String> out = new ArrayList<>();
        view.get("members").forEach(m -> out.add(m.get("id").asText() + " " + m.get("state").asText() + " " + m.get("url").asText()));
        return String.join(", ", out);
    }

    @Test
    void membersListEachOtherAndObserversHearOfAMemberComingAndDying() throws Exception {
        List<Integer> ports = LoopbackPorts.pick(2);
        String all = LoopbackPorts.members(ports);
        HubProcess a = member("a", ports.get(0), all);
        assertThat(cluster(a).get("self").asText()).isEqualTo("a");
        try (WsClient observer = WsClient.connect(URI.create("ws://127.0.0.1:" + a.port + "/hub/events"))) {
            HubProcess b = member("b", ports.get(1), all);
            String urlA = "http://127.0.0.1:" + a.port;
            String urlB = "http://127.0.0.1:" + b.port;
            await().atMost(CHANGE).until(() -> observer.has("node-up",
                    f -> f.get("node").asText().equals("b") && f.get("url").asText().equals(urlB)));
            for (HubProcess h : hubs) {
                await().atMost(CHANGE).until(() -> members(cluster(h)), ("a up " + urlA + ", b up " + urlB)::equals);
            }

            b.kill9();
            await().atMost(CHANGE).until(() -> observer.has("node-down", f -> f.get("node").asText().equals("b")));
            await().atMost(CHANGE).until(() -> members(cluster(a)), ("a up " + urlA + ", b down " + urlB)::equals);
        }
    }

    @Test
    void aClusterHubKeepsARoomsAcknowledgedChatInTheClusterThroughAKillMinus9OfEveryMember() throws Exception {
        List<Integer> ports = LoopbackPorts.pick(2);
        String all = LoopbackPorts.members(ports);
        member("a", ports.get(0), all);
        member("b", ports.get(1), all);
        for (HubProcess h : hubs) {
            await().atMost(CHANGE).until(() -> cluster(h).get("members").size() == 2);
        }
        List<String> texts = List.of("one", "two", "three", "four", "five");
        try (WsClient ann = WsClient.connect(URI.create("ws://127.0.0.1:" + hubs.get(0).port + "/rooms/chat/keep?name=ann"))) {
            ann.await("presence");
            for (String t : texts) {
                ann.send("{\"type\":\"chat-message\",\"text\":\"" + t + "\"}");
                // The echo leaves the output gate only once the write is durable on both members.
                ann.await("chat-message", f -> f.path("text").asText().equals(t));
            }
        }
        for (HubProcess h : List.copyOf(hubs)) {
            h.kill9();
        }
        hubs.clear();
        member("a", ports.get(0), all);
        HubProcess b = member("b", ports.get(1), all);
        // Opened on the other member, from the data the cluster kept on disk.
        try (WsClient bob = WsClient.connect(URI.create("ws://127.0.0.1:" + b.port + "/rooms/chat/keep?name=bob"))) {
            JsonNode history = bob.await("history");
            List<String> kept = new ArrayList<>();
            history.get("messages").forEach(m -> kept.add(m.get("text").asText()));
            assertThat(kept).containsSubsequence(texts);
        }
    }

    @Test
    void aHubStartedWithoutClusterSaysItIsNotClustered() throws Exception {
        alone.start();
        HttpResponse<String> r = alone.get("/api/cluster");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("NOT_CLUSTERED");
    }

    @Test
    void clusterOptionsWithoutTheirCompanionsAreRefusedWithAMessage() {
        StringWriter err = new StringWriter();
        int exit = new picocli.CommandLine(new HubCommand()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--data", dir.toString(), "--cluster", "x");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--cluster needs --cluster-bind");

        err.getBuffer().setLength(0);
        exit = new picocli.CommandLine(new HubCommand()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--data", dir.toString(), "--cluster", "x", "--cluster-bind", "127.0.0.1:notaport");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("HOST:PORT");

        err.getBuffer().setLength(0);
        exit = new picocli.CommandLine(new HubCommand()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--data", dir.toString(), "--node-id", "a");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("need --cluster NAME");
    }
}
