package org.roomhub.hub;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.TokenService;
import org.roomhub.hub.config.HubConfig;
import org.roomhub.hub.http.Cors;
import org.roomhub.hub.limit.ConnectionLimits;
import org.roomhub.hub.limit.RateLimits;
import org.roomhub.hub.observe.EdgeEvents;
import org.roomhub.hub.transport.Edge;
import org.roomhub.hub.transport.EdgeSessions;
import org.roomhub.hub.transport.HttpSessions;
import org.roomhub.hub.transport.PollingTransport;
import org.roomhub.hub.transport.SseTransport;
import org.roomhub.hub.http.ApiRoutes;
import org.roomhub.hub.http.ClusterRoutes;
import org.roomhub.hub.http.RoomPath;
import org.roomhub.hub.http.RoomAdminRoutes;
import org.roomhub.hub.http.RoomRequests;
import org.roomhub.hub.tls.TlsConnector;
import org.roomhub.hub.tls.TlsIdentity;
import org.roomhub.hub.observe.HubMetrics;
import org.roomhub.hub.observe.Listeners;
import org.roomhub.hub.observe.ObserverHub;
import org.roomhub.hub.rooms.chat.ChatRoomType;
import org.roomhub.hub.rooms.map.MapRoomType;
import org.roomhub.hub.rooms.metrics.MetricsRoomType;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.runtime.RoomRegistry;
import org.roomhub.hub.runtime.RoomTypes;
import org.roomhub.hub.storage.Storage;
import org.roomhub.hub.storage.StorageOptions;
import org.roomhub.hub.transport.ObserverTransport;
import org.roomhub.hub.transport.WebSocketTransport;
import org.roomhub.protocol.FrameCodec;

/**
 * A Roomhub server. Reads like Javalin: {@code Hub.create(cfg -> …).start(0)}, then {@link #port()},
 * then {@link #stop()}.
 */
public final class Hub {

    /** WebSocket close code sent to every client when the hub stops. */
    public static final int GOING_AWAY = 1001;

    private final HubConfig config;
    private final Clock clock;
    private Javalin app;
    private org.roomhub.hub.runtime.StoragePort storage;
    /** Set in cluster mode: the rooms' data lives in the cluster and the seam crosses the network. */
    private ClusterMode clusterMode;
    private RoomRegistry registry;
    private ScheduledExecutorService ticker;
    private ScheduledExecutorService edgeTimer;
    private org.roomhub.hub.transport.Writers writer;
    private Access access;
    private Edge edge;
    private HttpSessions httpSessions;
    private TlsIdentity tls;

    private Hub(HubConfig config) {
        this.config = config;
        this.clock = config.clock;
    }

    /** Creates a hub, letting the caller adjust the defaults of {@link HubConfig}. */
    public static Hub create(Consumer<HubConfig> configurer) {
        HubConfig config = new HubConfig();
        configurer.accept(config);
        return new Hub(config);
    }

    /** The settings this hub was created with (read them, do not change them after start). */
    public HubConfig config() {
        return config;
    }

    /** Opens storage, restores rooms and alarms, and listens on {@code port} (0 picks a free one). */
    public synchronized Hub start(int port) {
        // First, so a bad certificate stops the start before storage is opened.
        tls = config.tls.enabled() ? Tls.identity(config) : null;
        FrameCodec codec = new FrameCodec();
        EdgeSessions sessions = new EdgeSessions(); // the edge's side of the seam: the host sends through it
        try {
            if (config.cluster != null) {
                clusterMode = ClusterMode.open(config.cluster, config.storage.dataDir, sessions, codec);
                storage = clusterMode.storage();
            } else {
                storage = new EngineStorage(Storage.open(config.storage.dataDir,
                        StorageOptions.defaults().withCommitDelay(config.storage.commitDelay)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open storage in " + config.storage.dataDir.toAbsolutePath(), e);
        }
        ObserverHub observers = new ObserverHub(codec, clock::millis);
        HubMetrics metrics = new HubMetrics(this::rooms);
        List<org.roomhub.hub.room.RoomType> builtIns = new java.util.ArrayList<>(List.of(
                new MetricsRoomType(config.rooms.minBroadcastInterval, java.time.Duration.ofMinutes(65)),
                new ChatRoomType(), new MapRoomType()));
        builtIns.addAll(config.rooms.extraTypes);
        RoomTypes types = RoomTypes.of(builtIns);
        // Cluster mode puts the network inside the seam; one hub wires edge and host directly.
        registry = new RoomRegistry(types, storage, clusterMode == null ? sessions : clusterMode.hostSessions(), clock, codec,
                new Listeners(List.of(observers, metrics)),
                new RoomRegistry.Settings(config.rooms.hibernateAfter, config.rooms.queueCapacity, config.rooms.threads));
        if (clusterMode != null) {
            clusterMode.registry(registry);
        } else {
            registry.start(); // in cluster mode: once the member has joined and its storage is attached
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "roomhub-observer");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(observers::summarize, 1, 1, TimeUnit.SECONDS);

        RoomPath paths = new RoomPath(types);
        boolean loopback = isLoopback(config.network.bind);
        access = new Access(TokenService.open(config.storage.dataDir, clock),
                config.auth.required != null ? config.auth.required : !loopback, config.auth.freeNames);
        List<String> origins = !config.http.corsOrigins.isEmpty() ? config.http.corsOrigins : loopback ? List.of("*") : List.of();
        edgeTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "roomhub-edge");
            t.setDaemon(true);
            return t;
        });
        writer = org.roomhub.hub.transport.Writers.start(config.transport.writeLinger,
                config.transport.writeLingerMax, config.transport.writeAge,
                config.transport.writeAgeFrames);
        sessions.writeOn(writer);
        org.roomhub.hub.runtime.seam.RoomPort rooms = clusterMode == null ? registry.port() : clusterMode.edgeRooms(sessions);
        edge = new Edge(rooms, sessions, types, paths, access, new ConnectionLimits(config.limits), new RateLimits(config.limits),
                EdgeEvents.all(List.of(observers, metrics)), config.transport, edgeTimer, codec, writer);
        httpSessions = new HttpSessions(edge);
        WebSocketTransport webSockets = new WebSocketTransport(edge);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.network.bind;
            cfg.jetty.port = port;
            if (tls != null) {
                // The only connector: https/wss, no plain http beside it.
                cfg.jetty.addConnector(TlsConnector.of(tls, config.network.bind, port));
            }
            // Frames over 64 KiB close the socket with 1009, as PROTOCOL.md says.
            cfg.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(FrameCodec.MAX_FRAME_BYTES));
            cfg.jetty.modifyServletContextHandler(WebSocketTransport::keepNoHttpSessions);
            cfg.jetty.modifyServer(webSockets::route); // room sockets on Jetty's core, in front of Javalin
            new Cors(origins).register(cfg.routes);
            ApiRoutes api = new ApiRoutes(registry, paths, codec, access, metrics::scrape);
            RoomAdminRoutes admin = new RoomAdminRoutes(registry, storage, paths, codec, access);
            ClusterRoutes clusterRoutes = new ClusterRoutes(() -> cluster().orElse(null), paths, codec, access);
            if (clusterMode != null) {
                clusterMode.routes(api, admin, observers, clusterRoutes, codec);
            }
            api.register(cfg.routes);
            admin.register(cfg.routes);
            webSockets.register(cfg.routes);
            new SseTransport(edge, httpSessions).register(cfg.routes);
            new PollingTransport(edge, httpSessions).register(cfg.routes);
            httpSessions.register(cfg.routes);
            new ObserverTransport(observers, registry, access, writer).register(cfg.routes);
            new RoomRequests(registry, paths, access).register(cfg.routes);
            clusterRoutes.register(cfg.routes);
        });
        app.start();
        if (clusterMode != null) {
            try {
                clusterMode.join(publicUrl(), observers, clock);
            } catch (RuntimeException e) {
                stop();
                throw new IllegalStateException("cannot join cluster " + config.cluster.name() + ": " + e.getMessage(), e);
            }
        }
        return this;
    }

    /** The URL other members and clients use: the listen address, or the cluster address when it is a wildcard. */
    private String publicUrl() {
        String host = config.network.bind;
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress() && config.cluster != null) {
                host = config.cluster.bind().host();
            }
        } catch (UnknownHostException e) {
            // keep the name as given
        }
        return scheme() + "://" + host + ":" + port();
    }

    /** This hub's cluster membership, when started with {@code --cluster}. */
    public java.util.Optional<org.roomhub.hub.cluster.ClusterNode> cluster() {
        ClusterMode c = clusterMode;
        return java.util.Optional.ofNullable(c == null ? null : c.node());
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether every client needs a token (a hub bound beyond loopback, unless started insecure). */
    public boolean authRequired() {
        return access.required();
    }

    /** The hub's TLS identity (certificate and its SHA-256 fingerprint) when it serves https/wss. */
    public java.util.Optional<TlsIdentity> tls() {
        return java.util.Optional.ofNullable(tls);
    }

    /** {@code https} when the hub serves TLS, else {@code http}. */
    public String scheme() {
        return tls != null ? "https" : "http";
    }

    /** Issues tokens signed with this hub's secret. */
    public TokenService tokens() {
        return access.tokens();
    }

    /** The edge's bookkeeping, for tests: connection places held, rate-limit user buckets, HTTP sessions. */
    public EdgeCounts edgeCounts() {
        return new EdgeCounts(edge.connections().held(), edge.rates().userBuckets(), httpSessions.size());
    }

    /**
     * What the edge holds.
     *
     * @param places connection places taken (one per open connection)
     * @param userBuckets per-user rate-limit buckets
     * @param httpSessions SSE and polling sessions
     */
    public record EdgeCounts(int places, int userBuckets, int httpSessions) {}

    private List<RoomHost> rooms() {
        RoomRegistry r = registry;
        return r == null ? List.of() : List.copyOf(r.all());
    }

    /** The port the hub listens on; valid after {@link #start(int)}. */
    public int port() {
        return app.port();
    }

    /** The room registry, for embedding applications and tests. */
    public RoomRegistry registry() {
        return registry;
    }

    /**
     * Stops gracefully: queued events finish, pending writes become durable, every client is closed
     * with 1001, storage is flushed and closed. Safe to call twice.
     */
    public synchronized void stop() {
        if (app == null) {
            return;
        }
        registry.shutdown(GOING_AWAY, "hub shutting down", config.rooms.shutdownGrace);
        // Let the writers send the last frames and the 1001 closes the rooms just queued.
        writer.shutdown();
        try {
            writer.awaitTermination(config.rooms.shutdownGrace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (clusterMode != null) {
            clusterMode.leave(); // after the rooms' last writes: in cluster mode they go to the cluster's caches
        }
        ticker.shutdownNow();
        edgeTimer.shutdownNow();
        app.stop();
        storage.close();
        clusterMode = null;
        app = null;
    }
}
