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
import org.roomhub.hub.config.HubConfig;
import org.roomhub.hub.http.ApiRoutes;
import org.roomhub.hub.http.RoomPath;
import org.roomhub.hub.http.RoomRequests;
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
    private final Clock clock = Clock.systemUTC();
    private Javalin app;
    private EngineStorage storage;
    private RoomRegistry registry;
    private ScheduledExecutorService ticker;

    private Hub(HubConfig config) {
        this.config = config;
    }

    /** Creates a hub, letting the caller adjust the defaults of {@link HubConfig}. */
    public static Hub create(Consumer<HubConfig> configurer) {
        HubConfig config = new HubConfig();
        configurer.accept(config);
        return new Hub(config);
    }

    /** Opens storage, restores rooms and alarms, and listens on {@code port} (0 picks a free one). */
    public synchronized Hub start(int port) {
        try {
            storage = new EngineStorage(Storage.open(config.storage.dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open storage in " + config.storage.dataDir.toAbsolutePath(), e);
        }
        FrameCodec codec = new FrameCodec();
        ObserverHub observers = new ObserverHub(codec, clock::millis);
        HubMetrics metrics = new HubMetrics(this::rooms);
        List<org.roomhub.hub.room.RoomType> builtIns = new java.util.ArrayList<>(List.of(
                new MetricsRoomType(config.rooms.minBroadcastInterval, java.time.Duration.ofMinutes(65)),
                new ChatRoomType(), new MapRoomType()));
        builtIns.addAll(config.rooms.extraTypes);
        RoomTypes types = RoomTypes.of(builtIns);
        registry = new RoomRegistry(types, storage, clock, codec, new Listeners(List.of(observers, metrics)),
                new RoomRegistry.Settings(config.rooms.hibernateAfter, config.rooms.queueCapacity, config.rooms.threads));
        registry.start();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "roomhub-observer");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(observers::summarize, 1, 1, TimeUnit.SECONDS);

        RoomPath paths = new RoomPath(types);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.network.bind;
            cfg.jetty.port = port;
            // Frames over 64 KiB close the socket with 1009, as PROTOCOL.md says.
            cfg.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(FrameCodec.MAX_FRAME_BYTES));
            new ApiRoutes(registry, paths, codec).register(cfg.routes);
            new WebSocketTransport(registry, paths).register(cfg.routes);
            new ObserverTransport(observers, registry).register(cfg.routes);
            new RoomRequests(registry, paths).register(cfg.routes);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        });
        app.start();
        return this;
    }

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
        ticker.shutdownNow();
        app.stop();
        storage.close();
        app = null;
    }
}
