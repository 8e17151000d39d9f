package org.roomhub.client.net;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomSummary;

/**
 * Everything the desktop says to one hub: joins rooms (over the {@link TransportKind} it was made
 * with, unless told otherwise), observes the hub, reads the REST API. Owns one {@link HttpClient},
 * one timer thread and a pool for blocking reads (SSE streams); its links get them as
 * {@link NetResources}, never the client itself, so the arrows run one way: from here down.
 */
public final class HubClient implements AutoCloseable {

    private final HubEndpoint endpoint;
    private final HubAddresses hubs;
    private final FrameCodec codec;
    private final ScheduledExecutorService timer;
    private final ExecutorService io;
    private final TransportKind transport;
    private final NetResources net;
    private final HubRequests requests;
    private final List<Consumer<HubRefusal>> refusalListeners = new CopyOnWriteArrayList<>();
    private final Set<RoomConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile Duration heartbeat = Duration.ofSeconds(20);

    /** A client of the hub at {@code endpoint} whose rooms use WebSocket. */
    public HubClient(HubEndpoint endpoint, FrameCodec codec) {
        this(endpoint, codec, TransportKind.WEBSOCKET);
    }

    /** A client of the hub at {@code endpoint} whose rooms use {@code transport}. */
    public HubClient(HubEndpoint endpoint, FrameCodec codec, TransportKind transport) {
        this(endpoint, codec, transport, KnownHubs.standard());
    }

    /**
     * A client of the hub at {@code endpoint} whose rooms use {@code transport}; an {@code https} hub's
     * self-signed certificate is pinned on first use in {@code knownHubs} and must stay the same. With
     * alternates ({@code URL1,URL2}) every link fails over to the next URL when the one in use stops
     * answering, and resumes there by {@code seq}.
     */
    public HubClient(HubEndpoint endpoint, FrameCodec codec, TransportKind transport, KnownHubs knownHubs) {
        this.endpoint = endpoint;
        this.hubs = new HubAddresses(endpoint);
        this.codec = codec;
        this.transport = transport;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (endpoint.anySecure()) {
            builder.sslContext(PinningTrustManager.context(knownHubs));
        }
        HttpClient http = builder.build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hub-client-timer"));
        this.io = Executors.newCachedThreadPool(r -> daemon(r, "hub-client-io"));
        this.net = new NetResources(hubs, codec, http, timer, io, () -> heartbeat, this::reportRefusal);
        this.requests = new HubRequests(http, hubs::current);
    }

    /** Where the hub is: every URL it was given, the first first. */
    public HubEndpoint endpoint() {
        return endpoint;
    }

    /** The hub URL the links use now (after a failover, one of the alternates). */
    public HubEndpoint current() {
        return hubs.current();
    }

    /** The transport {@link #join(RoomAddress, String, RoomListener)} uses. */
    public TransportKind transport() {
        return transport;
    }

    /** {@code failed} did not answer: its next alternate becomes the URL in use (see {@link HubAddresses#failover}). */
    void failover(HubEndpoint failed) {
        hubs.failover(failed);
    }

    /** Joins a room over this client's transport; the connection reconnects by itself until closed. */
    public RoomConnection join(RoomAddress room, String displayName, RoomListener listener) {
        return join(room, () -> displayName, transport, listener);
    }

    /** Joins a room under the name {@code displayName} gives at each (re)connect; reconnects by itself until closed. */
    public RoomConnection join(RoomAddress room, Supplier<String> displayName, RoomListener listener) {
        return join(room, displayName, transport, listener);
    }

    /** Joins a room over {@code kind}; the connection reconnects by itself until closed. */
    public RoomConnection join(RoomAddress room, String displayName, TransportKind kind, RoomListener listener) {
        return join(room, () -> displayName, kind, listener);
    }

    private RoomConnection join(RoomAddress room, Supplier<String> displayName, TransportKind kind, RoomListener listener) {
        RoomConnection connection = new RoomConnection(net, room, displayName, kind, listener, connections::remove);
        connections.add(connection);
        connection.open();
        return connection;
    }

    /**
     * Tells {@code listener} when the hub refuses this client's credentials (401/403) on any of its
     * connections; each refused connection stops retrying. Called on a network thread.
     */
    public void onRefusal(Consumer<HubRefusal> listener) {
        refusalListeners.add(listener);
    }

    /** The sessions this client holds open now, by session id, with the name each asks for. */
    public Map<String, String> sessionNames() {
        Map<String, String> names = new HashMap<>();
        for (RoomConnection c : connections) {
            String id = c.sessionId();
            if (id != null) {
                names.put(id, c.requestedName());
            }
        }
        return names;
    }

    /**
     * How often the hub writes to a quiet stream (its {@code heartbeatInterval}, 20 s unless the hub
     * was started otherwise); an SSE stream silent for twice this is taken for a dead network.
     */
    public HubClient heartbeatInterval(Duration interval) {
        this.heartbeat = interval;
        return this;
    }

    /** Opens the observer stream (admin role on a hub with credentials). */
    public ObserverConnection observe(Consumer<ObserverFrame> frames, BiConsumer<ConnectionState, String> states) {
        ObserverConnection connection = new ObserverConnection(net, frames, states);
        connection.open();
        return connection;
    }

    /** {@code GET /api/rooms}, off the calling thread. */
    public CompletableFuture<List<RoomSummary>> rooms() {
        return requests.get("/api/rooms").thenApply(body -> {
            try {
                Map<String, List<RoomSummary>> parsed = codec.mapper().readValue(body, new TypeReference<>() {});
                return List.copyOf(parsed.getOrDefault("rooms", List.of()));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable /api/rooms answer", e);
            }
        });
    }

    /** {@code GET /api/rooms/{type}/{name}}: one room's stats, off the calling thread. */
    public CompletableFuture<org.roomhub.protocol.value.RoomStats> roomStats(RoomAddress room) {
        return requests.get(HubRequests.roomPath(room)).thenApply(body -> {
            try {
                return codec.mapper().readValue(body, org.roomhub.protocol.value.RoomStats.class);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable room stats", e);
            }
        });
    }

    /**
     * {@code GET path} (e.g. {@code /api/cluster}) as a JSON tree, off the calling thread; a non-2xx answer fails the
     * future with {@link HubRequestException}. For REST answers without a protocol record (cluster members, room hosts).
     */
    public CompletableFuture<com.fasterxml.jackson.databind.JsonNode> json(String path) {
        return requests.get(path).thenApply(body -> {
            try {
                return codec.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable " + path + " answer", e);
            }
        });
    }

    /** Administrative commands (hibernate now, change the delay, disconnect a session). */
    public HubAdminClient admin() {
        return new HubAdminClient(requests);
    }

    /** A map room's GPX and GeoJSON export and import. */
    public MapFilesClient mapFiles() {
        return new MapFilesClient(requests);
    }

    /** Stops the timer and the reader pool; open connections should be closed first. */
    @Override
    public void close() {
        timer.shutdownNow();
        io.shutdownNow();
    }

    /** The address string a room has in {@code /api/rooms} and the observer stream. */
    public static String key(RoomAddress room) {
        return room.type() + "/" + room.name();
    }

    private void reportRefusal(HubRefusal refusal) {
        refusalListeners.forEach(l -> l.accept(refusal));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
