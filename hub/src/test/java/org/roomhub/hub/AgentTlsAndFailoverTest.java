package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.agent.AgentSettings;
import org.roomhub.agent.MetricsAgent;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.tls.SelfSignedIdentity;
import org.roomhub.protocol.trust.Fingerprints;

/**
 * The agent against a hub with a self-signed certificate (the hub's TLS mode on loopback), trusting it
 * by a pinned fingerprint or the certificate file, refusing it in words otherwise; and the agent given
 * two hub URLs moving to the second when the first hub stops.
 */
class AgentTlsAndFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final RunningHub tlsHub = RunningHub.onPort0().notStarted();
    @RegisterExtension
    final RunningHub other = RunningHub.onPort0().notStarted();

    private AgentTest.Counter counter = new AgentTest.Counter();

    private Hub selfSigned() {
        return tlsHub.start(cfg -> cfg.tls.selfSigned = true).hub();
    }

    private static AgentSettings settings(String urls, String room, List<String> pins) {
        return new AgentSettings(java.util.Arrays.stream(urls.split(",")).map(URI::create).toList(), null, room,
                Duration.ofMillis(100), Duration.ofMinutes(1), 10_000, pins);
    }

    @Test
    void an_agent_trusting_the_hubs_fingerprint_publishes_over_wss() {
        Hub hub = selfSigned();
        String pin = "SHA256:" + hub.tls().orElseThrow().fingerprint().replace(":", "").toLowerCase();
        try (MetricsAgent agent = MetricsAgent.start(settings("https://127.0.0.1:" + hub.port(), "pinned", List.of(pin)), counter::sample, log::add)) {
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= 5);
            assertThat(agent.status().connectedTo()).hasToString("wss://127.0.0.1:" + hub.port() + "/rooms/metrics/pinned");
        }
    }

    @Test
    void an_agent_trusting_the_hubs_certificate_file_publishes_over_wss() {
        Hub hub = selfSigned();
        List<String> pins = Fingerprints.parse(tlsHub.data().resolve(SelfSignedIdentity.CERT_FILE).toString());
        assertThat(pins).containsExactly(hub.tls().orElseThrow().fingerprint());
        try (MetricsAgent agent = MetricsAgent.start(settings("wss://127.0.0.1:" + hub.port(), "by-file", pins), counter::sample, log::add)) {
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= 5);
        }
    }

    @Test
    void without_a_pin_or_with_another_the_agent_says_which_fingerprint_the_hub_showed_and_sends_nothing() {
        Hub hub = selfSigned();
        String shown = hub.tls().orElseThrow().fingerprint();
        String wrong = "SHA256:" + "AB".repeat(32);
        try (MetricsAgent none = MetricsAgent.start(settings("https://127.0.0.1:" + hub.port(), "none", List.of()), counter::sample, log::add);
             MetricsAgent other = MetricsAgent.start(settings("https://127.0.0.1:" + hub.port(), "wrong", List.of(wrong)), counter::sample, log::add)) {
            await().atMost(WAIT).until(() -> log.stream().filter(l -> l.contains("no CA vouches for, SHA-256 " + shown)).count() >= 2);
            assertThat(log).anyMatch(l -> l.contains("not the one given with --trust-cert") && l.contains("--trust-cert SHA256:" + shown));
            assertThat(none.status().connects()).isZero();
            assertThat(other.status().connects()).isZero();
        }
    }

    @Test
    void a_fingerprint_that_is_not_one_is_refused_at_once_in_words() {
        assertThatThrownBy(() -> Fingerprints.parse("SHA256:12:34")).hasMessageContaining("neither a SHA-256 fingerprint");
    }

    @Test
    void the_agent_command_takes_trust_cert_and_publishes_to_a_self_signed_hub(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        Hub hub = selfSigned();
        Path output = out.resolve("agent.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubCommand.class.getName(), "agent",
                "--hub", "https://127.0.0.1:" + hub.port(), "--room", "cmd", "--interval", "200ms",
                "--trust-cert", tlsHub.data().resolve(SelfSignedIdentity.CERT_FILE).toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(WAIT).until(() -> java.nio.file.Files.readString(output, StandardCharsets.UTF_8).contains("publishing to wss://"));
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(java.nio.file.Files.readString(output, StandardCharsets.UTF_8)).contains("trusting only the certificate(s) " + hub.tls().orElseThrow().fingerprint(), "publishing to wss://");
    }

    @Test
    void given_two_hub_urls_the_agent_moves_to_the_second_when_the_first_stops_and_keeps_its_readings() {
        Hub first = tlsHub.start().hub();
        Hub second = other.start().hub();
        String urls = "http://127.0.0.1:" + first.port() + ",http://127.0.0.1:" + second.port();
        try (MetricsAgent agent = MetricsAgent.start(settings(urls, "moving", List.of()), counter::sample, log::add)) {
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= 5);
            assertThat(agent.status().connectedTo().getPort()).isEqualTo(first.port());
            tlsHub.stop();
            await().atMost(WAIT).until(() -> agent.status().connectedTo() != null && agent.status().connectedTo().getPort() == second.port()
                    && agent.status().waitingReadings() == 0);
            long sent = agent.status().sentReadings();
            await().atMost(WAIT).until(() -> agent.status().sentReadings() >= sent + 5);
            assertThat(agent.status().droppedReadings()).isZero();
        }
        assertThat(log).anyMatch(l -> l.contains("trying the next hub"));
    }
}
