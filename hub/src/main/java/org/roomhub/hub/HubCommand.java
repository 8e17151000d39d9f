package org.roomhub.hub;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.auth.TokenService;
import org.roomhub.hub.config.DurationConverter;
import org.roomhub.hub.config.HubConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The hub's command line: {@code java -jar roomhub-hub.jar [options]}, and {@code token} to issue a token. */
@Command(name = "roomhub-hub", mixinStandardHelpOptions = true, version = "Roomhub hub 0.1.0",
        description = "Hosts room objects (metrics, chat, map) over WebSocket, SSE and HTTP polling.",
        subcommands = {HubCommand.TokenCommand.class, AgentCommand.class})
public final class HubCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "7070", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on; 0.0.0.0 for a LAN (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data", defaultValue = "./data", description = "Folder for durable storage and the token secret (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--hibernate-after", defaultValue = "10s", converter = DurationConverter.class,
            description = "Idle time before a room hibernates, e.g. 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
    Duration hibernateAfter;

    @Option(names = "--insecure", description = "Run without tokens even when bound beyond loopback (everyone is admin).")
    boolean insecure;

    @Option(names = "--cors-origin", split = ",", paramLabel = "ORIGIN",
            description = "Origin allowed to call the HTTP endpoints from a browser; repeat or comma-separate; * for any "
                    + "(default: any on loopback, none beyond).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--rate-limit", paramLabel = "TYPE=PER_CONN,PER_USER",
            description = "Frames per minute a connection and a user may send to rooms of TYPE, e.g. chat=600,1200; "
                    + "repeatable (defaults: chat=60,120, metrics=60000,120000, others 600,1200).")
    Map<String, String> rateLimits = new LinkedHashMap<>();

    @Option(names = "--max-connections-per-room", defaultValue = "" + HubConfig.LimitsConfig.DEFAULT_CONNECTIONS_PER_ROOM, paramLabel = "N",
            description = "Most open connections in one room; more are refused with ROOM_FULL (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerRoom;

    @Option(names = "--max-connections-per-user", defaultValue = "" + HubConfig.LimitsConfig.DEFAULT_CONNECTIONS_PER_USER, paramLabel = "N",
            description = "Most open connections of one user over all rooms; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerUser;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain; with --tls-key the hub serves https/wss only.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (unencrypted) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-self-signed",
            description = "Serve https/wss with a self-signed certificate, generated once into the data folder and reused.")
    boolean tlsSelfSigned;

    @Option(names = "--free-names",
            description = "Let token holders pick their display name (name=, set-name); by default the token's user is the name.")
    boolean freeNames;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Join the cluster NAME: each room runs on one member, its data on two, and moves when its member dies (see docs/cluster.md for what is not done yet); needs --cluster-bind.")
    String clusterName;

    @Option(names = "--cluster-bind", paramLabel = "HOST:PORT",
            description = "Where this member's cluster transport (JGroups TCP) listens; PORT+100 is used too.")
    String clusterBind;

    @Option(names = "--cluster-members", paramLabel = "HOST:PORT,...",
            description = "Cluster transport addresses of the members to find (static discovery, no multicast).")
    String clusterMembers = "";

    @Option(names = "--node-id", paramLabel = "ID", description = "This member's id in the cluster (default: its --cluster-bind).")
    String nodeId;

    private org.roomhub.hub.cluster.ClusterSettings clusterSettings() {
        if (clusterName == null) {
            if (clusterBind != null || !clusterMembers.isBlank() || nodeId != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--cluster-bind, --cluster-members and --node-id need --cluster NAME");
            }
            return null;
        }
        if (clusterBind == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cluster needs --cluster-bind HOST:PORT");
        }
        try {
            return new org.roomhub.hub.cluster.ClusterSettings(clusterName,
                    org.roomhub.hub.cluster.ClusterSettings.HostPort.parse(clusterBind),
                    org.roomhub.hub.cluster.ClusterSettings.HostPort.parseList(clusterMembers), nodeId);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static HubConfig.LimitsConfig.Rate parseRate(String type, String value) {
        String[] parts = value.split(",");
        try {
            int perConnection = Integer.parseInt(parts[0].strip());
            int perUser = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : 2 * perConnection;
            return new HubConfig.LimitsConfig.Rate(perConnection, perUser);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("--rate-limit " + type + "=" + value
                    + ": give frames per minute as PER_CONN or PER_CONN,PER_USER");
        }
    }

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings: options by their long names (port: 7070, cors-origin: [a, b]) and the "
                    + "sections --print-config shows (rooms, limits, transport, …); the command line wins.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective settings as YAML (a valid --config file) and exit.")
    boolean printConfig;

    /** When set, receives the settings instead of a hub starting (how the config file is checked). */
    java.util.function.Consumer<HubConfig> settingsOnly;

    /** Entry point; exits with the command's status. */
    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new HubCommand());
        System.exit(cmd.execute(HubConfigFile.withFileOptions(cmd, args)));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (maxConnectionsPerRoom < 1 || maxConnectionsPerUser < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-connections-per-room and --max-connections-per-user must be at least 1");
        }
        org.roomhub.hub.cluster.ClusterSettings cluster = clusterSettings();
        org.roomhub.hub.config.ConfigFile file = HubConfigFile.load(this);
        Hub hub = Hub.create(cfg -> {
            HubConfigFile.applySections(file, cfg);
            cfg.network.bind = bind;
            cfg.storage.dataDir = data;
            cfg.rooms.hibernateAfter = hibernateAfter;
            cfg.http.corsOrigins.addAll(corsOrigins);
            rateLimits.forEach((type, value) -> cfg.limits.rates.put(type, parseRate(type, value)));
            cfg.limits.connectionsPerRoom = maxConnectionsPerRoom;
            cfg.limits.connectionsPerUser = maxConnectionsPerUser;
            if (insecure) {
                cfg.auth.required = false;
            }
            cfg.auth.freeNames = freeNames;
            cfg.tls.certFile = tlsCert;
            cfg.tls.keyFile = tlsKey;
            cfg.tls.selfSigned = tlsSelfSigned;
            cfg.cluster = cluster;
        });
        if (HubConfigFile.handled(this, file, hub.config())) {
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            stopped.countDown();
        }, "roomhub-shutdown"));
        try {
            hub.start(port);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // A setting or file the user gave is wrong (e.g. a TLS key that does not match): say so, no stack trace.
            System.err.println("roomhub-hub: " + e.getMessage());
            return 2;
        }
        System.out.println("Roomhub hub listening on " + hub.scheme() + "://" + bind + ":" + hub.port());
        hub.cluster().ifPresent(c -> System.out.println("Cluster " + cluster.name() + ": member " + c.self()
                + " of " + c.view().members().size()
                + " (rooms forwarded and replicated; limits in docs/cluster.md)"));
        hub.tls().ifPresent(t -> {
            System.out.println("TLS certificate SHA-256 fingerprint: " + t.fingerprint());
            System.out.println("(check it matches what clients show on first connect; they pin it from then on)");
        });
        if (hub.authRequired()) {
            String admin = hub.tokens().issue("admin", Role.ADMIN, List.of(RoomPattern.parse("*")), true, Duration.ofDays(7));
            System.out.println("Tokens required. Admin token (valid 7 days; make more with the token command):");
            System.out.println(admin);
        }
        stopped.await();
        return 0;
    }

    /** {@code token --data DIR --user alice --role member --rooms 'chat/*,metrics/*'}: prints a token as the last line. */
    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Prints a signed token for a hub using the same data folder (the secret is created if absent).")
    static final class TokenCommand implements Callable<Integer> {

        @Option(names = "--data", defaultValue = "./data", description = "The hub's data folder (default: ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--user", required = true, description = "User the token names.")
        String user;

        @Option(names = "--role", defaultValue = "member", description = "viewer, member or admin (default: ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--rooms", defaultValue = "*", description = "Comma-separated room patterns, e.g. 'chat/*,metrics/lab' (default: ${DEFAULT-VALUE}).")
        String rooms;

        @Option(names = "--ttl", defaultValue = "720h", converter = DurationConverter.class,
                description = "How long the token is valid (default: ${DEFAULT-VALUE}).")
        Duration ttl;

        @Option(names = "--allow-name", description = "Let the holder choose a display name with name=.")
        boolean allowName;

        @Override
        public Integer call() {
            Role r = Role.parse(role).orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                    "--role must be viewer, member or admin, not '" + role + "'"));
            List<RoomPattern> patterns;
            try {
                patterns = RoomPattern.parseList(rooms);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
            String token = TokenService.open(data, Clock.systemUTC()).issue(user, r, patterns, allowName, ttl);
            System.out.println("Token for " + user + " (" + r.wireName() + ", rooms " + rooms + ", valid " + ttl + "):");
            System.out.println(token);
            return 0;
        }
    }
}
