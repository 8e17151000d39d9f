package org.roomhub.hub.http;

import io.javalin.config.RoutesConfig;
import java.util.function.Supplier;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.protocol.FrameCodec;

/** {@code GET /api/cluster}: this member and the others ({@code 404 NOT_CLUSTERED} on a single hub). */
public final class ClusterRoutes {

    private final Supplier<ClusterNode> cluster;
    private final FrameCodec codec;
    private final Guard guard;
    /** Figures of the link's outbox to each member, added to {@code /api/cluster} as {@code links}. */
    private volatile Supplier<java.util.Map<String, java.util.Map<String, Long>>> links = java.util.Map::of;
    /** Started with {@code --cluster}: until the join completes {@code /api/cluster} says so (503), not "runs alone". */
    private volatile boolean clustered;

    /** Routes over the hub's membership, which is null until joined (and on a single hub). */
    public ClusterRoutes(Supplier<ClusterNode> cluster, RoomPath paths, FrameCodec codec, Access access) {
        this.cluster = cluster;
        this.codec = codec;
        this.guard = new Guard(paths, access);
    }

    /** {@code /api/cluster} adds {@code links}: per member, what waits for it here and what overflowed. */
    public ClusterRoutes links(Supplier<java.util.Map<String, java.util.Map<String, Long>>> figures) {
        this.links = figures;
        this.clustered = true; // only a hub started with --cluster has links
        return this;
    }

    /** Registers the route, and in cluster mode the forward of one room's REST paths to the member hosting it. */
    public void register(RoutesConfig routes) {
        routes.before("/api/rooms/*", ctx -> toHost(ctx, 3));
        // A plain HTTP request to a room (not its sessions' paths, which the edge serves) runs on its host too.
        routes.before("/rooms/*", ctx -> {
            if (!ctx.method().name().equals("GET") && ctx.path().split("/").length == 4) {
                toHost(ctx, 2);
            }
        });
        routes.get("/api/cluster", guard.reader((ctx, principal) -> {
            ClusterNode node = cluster.get();
            if (node == null && clustered) {
                HttpErrors.answer(ctx, 503, "JOINING", "this member is still joining its cluster: try again in a moment");
                return;
            }
            if (node == null) {
                HttpErrors.answer(ctx, 404, "NOT_CLUSTERED", "this hub runs alone (start it with --cluster to join one)");
                return;
            }
            var view = codec.mapper().valueToTree(node.view());
            ((com.fasterxml.jackson.databind.node.ObjectNode) view).set("links", codec.mapper().valueToTree(links.get()));
            ctx.contentType("application/json").result(codec.write(view));
        }));
    }

    /**
     * {@code /api/rooms/{type}/{name}…} (stats, admin, storage, sessions, export/import) and plain HTTP
     * requests to {@code /rooms/{type}/{name}} of a room placed on another
     * member answers {@code 307} to the same path there: only the host has the room in memory. The
     * method and body are kept by a 307; the host checks the credentials as usual.
     */
    private void toHost(io.javalin.http.Context ctx, int typeAt) {
        ClusterNode node = cluster.get();
        String[] parts = ctx.path().split("/");
        if (node == null || parts.length < typeAt + 2) {
            return; // single hub, or the room list
        }
        String owner;
        try {
            owner = node.owner(org.roomhub.protocol.value.RoomAddress.parse(parts[typeAt] + "/" + parts[typeAt + 1]).toString());
        } catch (RuntimeException e) {
            return; // a bad address: the route answers 400 as usual
        }
        if (owner.equals(node.self())) {
            return;
        }
        node.view().members().stream().filter(m -> m.id().equals(owner) && m.url() != null).findFirst().ifPresent(m -> {
            String query = ctx.queryString();
            ctx.header("Location", m.url() + ctx.path() + (query == null ? "" : "?" + query));
            ctx.status(307);
            ctx.skipRemainingHandlers();
        });
    }
}
