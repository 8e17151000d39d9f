package org.roomhub.hub;

import java.io.IOException;
import java.time.Clock;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.cluster.ClusterSettings;
import org.roomhub.hub.cluster.ObserverClusterEvents;
import org.roomhub.hub.cluster.route.ClusterRouting;
import org.roomhub.hub.cluster.store.ClusterStorage;
import org.roomhub.hub.http.ApiRoutes;
import org.roomhub.hub.http.ClusterRooms;
import org.roomhub.hub.http.ClusterRoutes;
import org.roomhub.hub.http.RoomAdminRoutes;
import org.roomhub.hub.observe.ObserverHub;
import org.roomhub.hub.runtime.RoomRegistry;
import org.roomhub.hub.runtime.StoragePort;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.hub.transport.EdgeSessions;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * How a hub started with {@code --cluster} is wired: the rooms' data in the cluster's store (replicated,
 * fenced), the network inside the seam ({@link ClusterRouting} between the transports and the rooms), the
 * lists and the observer's hello over every member, and the join once the HTTP server listens. {@link Hub}
 * calls it at those points in its start and stop; a hub without {@code --cluster} has none.
 */
final class ClusterMode {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterMode.class);

    private final ClusterSettings config;
    private final ClusterStorage storage;
    private final ClusterRouting routing;
    private RoomRegistry registry;
    private volatile ClusterNode node;

    private ClusterMode(ClusterSettings config, ClusterStorage storage, ClusterRouting routing) {
        this.config = config;
        this.storage = storage;
        this.routing = routing;
    }

    /** Opens this member's share of the cluster's room data under {@code dataDir}; nothing joins yet. */
    static ClusterMode open(ClusterSettings config, java.nio.file.Path dataDir, EdgeSessions sessions, FrameCodec codec)
            throws IOException {
        return new ClusterMode(config, new ClusterStorage(dataDir.resolve("cluster-store")),
                new ClusterRouting(config.nodeId(), sessions, codec));
    }

    StoragePort storage() {
        return storage;
    }

    /** The host's port towards the edges, for the room registry. */
    SessionPort hostSessions() {
        return routing.hostSessions();
    }

    /** Before the registry starts: restored alarms fire only on their room's host. */
    void registry(RoomRegistry registry) {
        this.registry = registry;
        registry.runsHere(routing::hosts);
    }

    /** The transports' port towards the rooms: through the members hosting them. */
    RoomPort edgeRooms(EdgeSessions sessions) {
        return routing.edgeRooms(registry.port(), this::evict, registry::activated, sessions);
    }

    /** Lists and the observer's hello cover every member; {@code /api/cluster} shows the links. */
    void routes(ApiRoutes api, RoomAdminRoutes admin, ObserverHub observers, ClusterRoutes cluster, FrameCodec codec) {
        ClusterRooms all = new ClusterRooms(registry, routing, codec, config.nodeId());
        api.node(routing::fields).cluster(all);
        admin.cluster(routing);
        observers.clusterHello(all::hello);
        cluster.links(routing::linkFigures);
    }

    /** Joins the cluster (after the HTTP server listens, so other members can reach {@code url}) and starts the rooms. */
    void join(String url, ObserverHub observers, Clock clock) {
        long started = System.nanoTime();
        node = ClusterNode.start(config, url, routing.events(ObserverClusterEvents.of(observers::publish, clock::millis)));
        long joined = System.nanoTime();
        storage.attach(node);
        long attached = System.nanoTime();
        // A store that refuses writes (stale host, no quorum) means another member runs the room: evict it here.
        storage.onFenced((room, e) -> routing.fenced(room));
        registry.start(); // waits until every member in view has re-offered its stored entries
        routing.attach(node, registry::alarmRooms);
        // Where a slow start went (docs/cluster.md, "Starting a member").
        LOG.info("joined cluster {} in {} ms: membership {} ms, storage {} ms, rooms and alarms {} ms", config.name(),
                ms(System.nanoTime() - started), ms(joined - started), ms(attached - joined), ms(System.nanoTime() - attached));
    }

    /** Another member runs {@code room} now: drop it here, and this member's copy of its data. */
    private void evict(RoomAddress room) {
        registry.evict(room);
        storage.forget(room);
    }

    /** The membership, once joined. */
    ClusterNode node() {
        return node;
    }

    /** Leaves the cluster, after the rooms' last writes (in cluster mode they go to the cluster's caches). */
    void leave() {
        ClusterNode n = node;
        node = null;
        if (n != null) {
            n.close();
        }
        routing.close();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
