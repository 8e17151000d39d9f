package org.roomhub.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.runtime.ClientSession;
import org.roomhub.hub.runtime.RoomRegistry;
import org.roomhub.hub.runtime.StoragePort;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * "Managing rooms" of PROTOCOL.md, all admin: hibernate a room now, list and close its sessions, page
 * through its storage, delete it with its storage.
 */
public final class RoomAdminRoutes {

    /** Close code of an admin's disconnect. */
    static final int NORMAL = 1000;
    /** Close code of the clients of a deleted room. */
    static final int GOING_AWAY = 1001;

    private final RoomRegistry registry;
    private final StoragePort storage;
    private final FrameCodec codec;
    private final Guard guard;
    /** Cluster mode: where the room's remote sessions are connected and their queues there (null on a single hub). */
    private volatile org.roomhub.hub.cluster.route.ClusterRouting cluster;

    /** Routes over {@code registry} and its {@code storage}. */
    public RoomAdminRoutes(RoomRegistry registry, StoragePort storage, RoomPath paths, FrameCodec codec, Access access) {
        this.registry = registry;
        this.storage = storage;
        this.codec = codec;
        this.guard = new Guard(paths, access);
    }

    /** Cluster mode: each session row says its member ({@code node}); a remote one's queue is asked of that member. */
    public RoomAdminRoutes cluster(org.roomhub.hub.cluster.route.ClusterRouting routing) {
        this.cluster = routing;
        return this;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/api/rooms/{type}/{name}/hibernate", guard.roomAdmin(this::hibernate));
        routes.get("/api/rooms/{type}/{name}/sessions", guard.roomAdmin(this::sessions));
        routes.delete("/api/rooms/{type}/{name}/sessions/{sessionId}", guard.roomAdmin(this::disconnect));
        routes.get("/api/rooms/{type}/{name}/storage", guard.roomAdmin(this::storage));
        routes.delete("/api/rooms/{type}/{name}", guard.roomAdmin(this::delete));
    }

    private void hibernate(Context ctx, RoomAddress room, Principal admin) {
        registry.find(room).ifPresentOrElse(h -> {
            h.hibernateNow();
            ctx.status(202);
            json(ctx, Map.of("room", room.toString(), "hibernating", true));
        }, () -> ApiRoutes.noSuchRoom(ctx, room));
    }

    private void sessions(Context ctx, RoomAddress room, Principal admin) {
        var host = registry.find(room);
        var c = cluster;
        if (host.isEmpty()) {
            ApiRoutes.noSuchRoom(ctx, room);
        } else if (c == null) {
            json(ctx, Map.of("sessions", host.get().sessions().stream().map(RoomAdminRoutes::describe).toList()));
        } else {
            List<ClientSession> list = host.get().sessions();
            ctx.future(() -> c.questions().remoteSessions(list.stream().map(ClientSession::sessionId).toList(), java.time.Duration.ofSeconds(2))
                    .thenAccept(remote -> json(ctx, Map.of("sessions", list.stream().map(s -> {
                        Map<String, Object> m = describe(s);
                        var r = remote.get(s.sessionId());
                        m.put("node", r == null ? c.self() : r.node());
                        if (r != null && r.backlog().known()) { // told by the session's own member
                            m.put("queuedFrames", r.backlog().frames());
                            m.put("queuedBytes", r.backlog().bytes());
                        }
                        return m;
                    }).toList()))));
        }
    }

    /** A session's row; the queue figures only where they are known (a remote session's are on its member). */
    private static Map<String, Object> describe(ClientSession s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessionId", s.sessionId());
        m.put("user", s.user());
        m.put("role", s.role());
        m.put("transport", s.transport());
        m.put("tags", List.copyOf(new TreeSet<>(s.tags())));
        m.put("connectedAt", s.connectedAt());
        if (s.queuedFrames() >= 0) {
            m.put("queuedFrames", s.queuedFrames());
            m.put("queuedBytes", s.queuedBytes());
        }
        return m;
    }

    private void disconnect(Context ctx, RoomAddress room, Principal admin) {
        String sessionId = ctx.pathParam("sessionId");
        boolean found = registry.find(room).map(h -> h.disconnect(sessionId, NORMAL, "disconnected by an admin")).orElse(false);
        if (found) {
            ctx.status(202);
            json(ctx, Map.of("room", room.toString(), "sessionId", sessionId, "closing", true));
        } else {
            HttpErrors.answer(ctx, 404, "NO_SUCH_SESSION", "no session " + sessionId + " in " + room);
        }
    }

    private void storage(Context ctx, RoomAddress room, Principal admin) {
        if (registry.find(room).isEmpty()) {
            ApiRoutes.noSuchRoom(ctx, room);
            return;
        }
        int limit;
        try {
            String l = ctx.queryParam("limit");
            limit = l == null || l.isBlank() ? StoragePage.DEFAULT_LIMIT : Integer.parseInt(l.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > StoragePage.MAX_LIMIT) {
            HttpErrors.answer(ctx, 400, "INVALID_LIMIT", "limit must be 1–" + StoragePage.MAX_LIMIT);
            return;
        }
        json(ctx, StoragePage.read(storage.room(room), ctx.queryParam("prefix"), ctx.queryParam("after"), limit, codec.mapper()));
    }

    private void delete(Context ctx, RoomAddress room, Principal admin) {
        var deleting = registry.delete(room, GOING_AWAY, "room deleted");
        if (deleting.isEmpty()) {
            ApiRoutes.noSuchRoom(ctx, room);
            return;
        }
        // Answered once the deletion is durable: a restart right after the 200 does not bring the room back.
        ctx.future(() -> deleting.get().handle((v, e) -> {
            if (e != null) {
                HttpErrors.answer(ctx, 503, "STORAGE_FAILED", "the room's clients were closed but its storage could not be deleted");
            } else {
                json(ctx, Map.of("room", room.toString(), "deleted", true));
            }
            return null;
        }));
    }

    private void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(codec.write(body));
    }
}
