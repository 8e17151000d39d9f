package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.agent.AgentSettings;
import org.roomhub.agent.HostMetrics;
import org.roomhub.agent.HubRefusal;
import org.roomhub.agent.MetricsAgent;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.value.MetricSample;

/** The headless agent against a real hub: publishing, hub restarts, dropped connections, refused tokens. */
class AgentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration RECONNECT = Duration.ofSeconds(90);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final RunningHub running = RunningHub.onPort0().notStarted();

    /** A sampler of one counter metric that remembers when it read. */
    static final class Counter {
        final List<Long> stamps = new CopyOnWriteArrayList<>();
        final AtomicLong n = new AtomicLong();

        List<MetricSample> sample(long now) {
            stamps.add(now);
            return List.of(new MetricSample("test.counter", (double) n.incrementAndGet(), now));
        }

        Set<Long> seconds() {
            Set<Long> s = new TreeSet<>();
            stamps.forEach(ts -> s.add(ts / 1000));
            return s;
        }
    }

    private Hub hub(boolean auth) {
        return running.start(cfg -> cfg.auth.required = auth).hub();
    }

    private AgentSettings settings(Hub hub, String token, String room) {
        return new AgentSettings(List.of(URI.create("http://127.0.0.1:" + hub.port())), token, room,
                Duration.ofMillis(100), Duration.ofMinutes(1), 10_000);
    }

    private static Set<Long> storedSeconds(Hub hub, String room, String metric) {
        try (WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/rooms/metrics/" + room))) {
            c.send("{\"type\":\"history\",\"name\":\"" + metric + "\",\"seconds\":300}");
            Set<Long> seconds = new TreeSet<>();
            c.await("history").path("points").forEach(p -> seconds.add(p.get(0).asLong() / 1000));
            return seconds;
        }
    }

    @Test
    void two_agents_publish_this_hosts_figures_into_their_own_rooms() {
        Hub hub = hub(true);
        String token = hub.tokens().issue("agents", Role.MEMBER, RoomPattern.parseList("metrics/*"), false, Duration.ofHours(1));
        try (MetricsAgent alpha = MetricsAgent.startHost(settings(hub, token, "alpha"), log::add);
             MetricsAgent beta = MetricsAgent.startHost(settings(hub, token, "beta"), log::add)) {
            for (String room : List.of("alpha", "beta")) {
                await().atMost(WAIT).untilAsserted(() -> {
                    try (WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/rooms/metrics/" + room + "?token=" + token))) {
                        JsonNode metrics = c.await("snapshot").path("metrics");
                        List<String> names = new ArrayList<>();
                        metrics.fieldNames().forEachRemaining(names::add);
                        assertThat(names).contains(HostMetrics.CPU_TOTAL, HostMetrics.CPU_CORE + "0", HostMetrics.MEMORY_USED,
                                HostMetrics.SWAP_USED, HostMetrics.LOAD_1, HostMetrics.NET_IN, HostMetrics.DISK_READ, HostMetrics.UPTIME);
                        assertThat(names).anyMatch(n -> n.startsWith(HostMetrics.FS_USED));
                        assertThat(names).anyMatch(n -> n.startsWith(HostMetrics.PROC_CPU));
                        assertThat(metrics.path(HostMetrics.UPTIME).asDouble()).isPositive();
                    }
                });
            }
            assertThat(alpha.status().connectedTo()).hasToString("ws://127.0.0.1:" + hub.port() + "/rooms/metrics/alpha");
            assertThat(beta.status().droppedReadings()).isZero();
        }
    }

    @Test
    void a_hub_restart_on_the_same_data_loses_no_reading_the_buffer_could_hold() {
        Hub first = hub(false);
        Counter counter = new Counter();
        Hub second;
        MetricsAgent agent = MetricsAgent.start(settings(first, null, "restart"), counter::sample, log::add);
        try {
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= 10);
            running.stop();
            // Readings pile up while the hub is away (well within the one-minute buffer).
            await().atMost(WAIT).until(() -> agent.status().connectedTo() == null && agent.status().waitingReadings() >= 20);
            second = running.startAgainOnSamePort().hub();
            // The agent's backoff grows to 30 s (± 20 %) while the hub is away: a slow restart on a busy machine can
            // miss an attempt, and the next may be that far off.
            await().atMost(RECONNECT).until(() -> agent.status().connects() == 2 && agent.status().waitingReadings() == 0);
            long sent = agent.status().sentReadings();
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= sent + 5);
            agent.close();
            assertThat(agent.status().droppedReadings()).isZero();
            assertThat(storedSeconds(second, "restart", "test.counter")).containsAll(counter.seconds());
        } finally {
            agent.close();
        }
        assertThat(log).anyMatch(l -> l.contains("cannot reach")).anyMatch(l -> l.contains("waiting readings"));
    }

    @Test
    void a_dropped_connection_is_reopened_and_loses_nothing() throws Exception {
        Hub hub = hub(false);
        Counter counter = new Counter();
        WsClient observer = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/hub/events"));
        MetricsAgent agent = MetricsAgent.start(settings(hub, null, "dropped"), counter::sample, log::add);
        try (TestHttp http = new TestHttp(hub.port())) {
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= 10);
            String session = observer.await("client-connected", f -> f.path("room").asText().contains("dropped"))
                    .path("sessionId").asText();
            assertThat(http.delete("/api/rooms/metrics/dropped/sessions/" + session)).isLessThan(300);
            await().atMost(WAIT).until(() -> agent.status().connects() == 2 && agent.status().connectedTo() != null);
            long sent = agent.status().sentReadings();
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= sent + 10);
            agent.close();
            assertThat(storedSeconds(hub, "dropped", "test.counter")).containsAll(counter.seconds());
        } finally {
            agent.close();
            observer.close();
        }
    }

    @Test
    void a_missing_token_stops_the_agent_with_a_reason_instead_of_retrying() throws InterruptedException {
        Hub hub = hub(true);
        try (MetricsAgent agent = MetricsAgent.start(settings(hub, null, "nope"), new Counter()::sample, log::add)) {
            HubRefusal refusal = agent.awaitStop();
            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal.getMessage()).contains("needs a token");
            assertThat(agent.status().connects()).isZero();
        }
    }

    @Test
    void the_agent_command_reports_a_refused_token_in_words_and_exits_with_status_3() throws Exception {
        Hub hub = hub(true);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubCommand.class.getName(), "agent",
                "--hub", "http://127.0.0.1:" + hub.port(), "--token", "not-a-token", "--room", "refused")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the agent gives up by itself").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("answered 403", "refused the token", "Not retrying");
    }

    /** Plain HTTP calls to a loopback hub. */
    static final class TestHttp implements AutoCloseable {
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        private final int port;

        TestHttp(int port) {
            this.port = port;
        }

        String get(String path) throws IOException, InterruptedException {
            return client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }

        int delete(String path) throws IOException, InterruptedException {
            return client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        }

        @Override
        public void close() {
            // The JDK 17 client has nothing to close; kept for try-with-resources symmetry.
        }
    }
}
