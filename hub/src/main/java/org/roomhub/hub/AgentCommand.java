package org.roomhub.hub;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.roomhub.agent.AgentSettings;
import org.roomhub.agent.HubRefusal;
import org.roomhub.agent.MetricsAgent;
import org.roomhub.hub.config.DurationConverter;
import org.roomhub.protocol.trust.Fingerprints;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent --hub URL --token T}: publishes this host's figures into {@code metrics/<room>} until
 * stopped. Exit status 3 when the hub refuses the token or room (retrying would not help).
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Publishes this host's CPU, load, memory, swap, disk and network rates, file systems, uptime "
                + "and busiest processes into metrics/NAME on a hub, reconnecting and buffering while it is away.",
                "Exit status 3: the hub refused the token or the room."})
final class AgentCommand implements Callable<Integer> {

    /** Exit status when the hub refuses the token or room. */
    static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--hub", split = ",", paramLabel = "URL", defaultValue = "${env:ROOMHUB_HUB}",
            description = "Hub base URL(s), e.g. http://server:7070; comma-separate several to try in turn "
                    + "(default: $ROOMHUB_HUB).")
    List<String> hubs = new ArrayList<>();

    @Option(names = "--token", defaultValue = "${env:ROOMHUB_TOKEN}",
            description = "Token from the hub's token command, needing member role and metrics/NAME "
                    + "(default: $ROOMHUB_TOKEN, which keeps it out of the process list).")
    String token;

    @Option(names = "--room", defaultValue = "${env:ROOMHUB_ROOM}",
            description = "Room name under metrics/ (default: $ROOMHUB_ROOM, else this host's name).")
    String room;

    @Option(names = "--trust-cert", split = ",", paramLabel = "SHA256:FP|FILE", defaultValue = "${env:ROOMHUB_TRUST_CERT}",
            description = "On an https/wss hub with a self-signed certificate: trust only this certificate, given by the "
                    + "SHA-256 fingerprint the hub prints at start (SHA256:AB:CD:…) or as a PEM file (the hub's "
                    + "tls-self-signed-cert.pem); comma-separate several (default: $ROOMHUB_TRUST_CERT; without it the JDK's CAs decide).")
    List<String> trustCerts = new ArrayList<>();

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between readings (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--buffer", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long readings are kept while the hub is unreachable; the oldest go first (default: ${DEFAULT-VALUE}).")
    Duration buffer;

    @Option(names = "--buffer-points", defaultValue = "100000",
            description = "Most points kept whatever --buffer says (default: ${DEFAULT-VALUE}).")
    int bufferPoints;

    @Override
    public Integer call() throws InterruptedException {
        AgentSettings settings;
        try {
            if (hubs == null || hubs.isEmpty() || hubs.stream().allMatch(String::isBlank)) {
                throw new IllegalArgumentException("give the hub with --hub URL (or ROOMHUB_HUB)");
            }
            List<URI> uris = hubs.stream().filter(h -> !h.isBlank()).map(h -> URI.create(h.strip())).toList();
            String name = room == null || room.isBlank() ? AgentSettings.hostRoomName() : room.strip();
            List<String> pins = new ArrayList<>();
            for (String spec : trustCerts == null ? List.<String>of() : trustCerts) {
                if (!spec.isBlank()) {
                    pins.addAll(Fingerprints.parse(spec));
                }
            }
            settings = new AgentSettings(uris, token, name, interval, buffer, bufferPoints, pins);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        MetricsAgent agent = MetricsAgent.startHost(settings, AgentCommand::log);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
        log("agent for metrics/" + settings.room() + " every " + settings.interval().toMillis() + " ms; buffer "
                + settings.maxBufferedReadings() + " readings / " + settings.maxBufferedPoints() + " points"
                + (settings.trustedCerts().isEmpty() ? "" : "; trusting only the certificate(s) " + String.join(", ", settings.trustedCerts())));
        HubRefusal refusal = agent.awaitStop();
        return refusal == null ? 0 : REFUSED;
    }

    private static void log(String line) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " roomhub-agent: " + line);
    }
}
