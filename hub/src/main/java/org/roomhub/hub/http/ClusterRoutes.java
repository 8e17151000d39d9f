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

    /** Routes over the hub's membership, which is null until joined (and on a single hub). */
    public ClusterRoutes(Supplier<ClusterNode> cluster, RoomPath paths, FrameCodec codec, Access access) {
        this.cluster = cluster;
        this.codec = codec;
        this.guard = new Guard(paths, access);
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/api/cluster", guard.reader((ctx, principal) -> {
            ClusterNode node = cluster.get();
            if (node == null) {
                HttpErrors.answer(ctx, 404, "NOT_CLUSTERED", "this hub runs alone (start it with --cluster to join one)");
                return;
            }
            ctx.contentType("application/json").result(codec.write(node.view()));
        }));
    }
}
