package org.roomhub.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.config.DurationConverter;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.runtime.RoomRegistry;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomStats;
import org.roomhub.protocol.value.RoomSummary;

/**
 * The read side of the REST API and the hub's settings: room list and stats (only rooms the token
 * covers), {@code /metrics} (admin), {@code /api/config} (admin) and {@code /healthz} (open, says only
 * its status). Managing single rooms is {@link RoomAdminRoutes}.
 */
public final class ApiRoutes {

    private final RoomRegistry registry;
    private final FrameCodec codec;
    private final Guard guard;
    private final Supplier<String> scrape;
    /** Cluster mode: the member hosting a room ({@code node} in stats and rows); null on a single hub. */
    private volatile java.util.function.Function<RoomAddress, Map<String, Object>> node;
    /** Cluster mode: the room list covers every member (null on a single hub). */
    private volatile ClusterRooms cluster;

    /**
     * Routes over this registry. Reads need a valid token when the hub requires one, settings and
     * {@code scrape} (the Prometheus text of {@code /metrics}) the admin role.
     */
    public ApiRoutes(RoomRegistry registry, RoomPath paths, FrameCodec codec, Access access, Supplier<String> scrape) {
        this.registry = registry;
        this.codec = codec;
        this.guard = new Guard(paths, access);
        this.scrape = scrape;
    }

    /** Cluster mode: stats and rows add these fields ({@code node}: the member hosting the room; {@code epoch}). */
    public ApiRoutes node(java.util.function.Function<RoomAddress, Map<String, Object>> hostOf) {
        this.node = hostOf;
        return this;
    }

    /** Cluster mode: {@code /api/rooms} lists the rooms of every member (see {@link ClusterRooms}). */
    public ApiRoutes cluster(ClusterRooms rooms) {
        this.cluster = rooms;
        return this;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/metrics", guard.admin((ctx, p) ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scrape.get())));
        routes.get("/api/rooms", guard.reader(this::list));
        routes.get("/api/rooms/{type}/{name}", guard.roomReader(this::stats));
        routes.get("/api/config", guard.admin((ctx, p) -> settings(ctx)));
        routes.put("/api/config/hibernate-after", guard.admin((ctx, p) -> setHibernateAfter(ctx)));
    }

    private void list(Context ctx, Principal principal) {
        ClusterRooms c = cluster;
        if (c != null) {
            ctx.future(() -> c.all(List.copyOf(registry.all())).thenAccept(l -> json(ctx, clusterList(l, principal))));
            return;
        }
        List<Object> rooms = registry.all().stream()
                .filter(h -> principal.covers(h.address()))
                .sorted(Comparator.comparing((RoomHost h) -> h.address().toString()))
                .map(h -> withNode(RoomSummary.of(h.stats()), h.address())).collect(java.util.stream.Collectors.toList());
        json(ctx, Map.of("rooms", rooms));
    }

    private void stats(Context ctx, RoomAddress room, Principal principal) {
        registry.find(room).ifPresentOrElse(h -> json(ctx, withNode(h.stats(), room)), () -> noSuchRoom(ctx, room));
    }

    /** PROTOCOL's rows ({@code RoomSummary} + {@code node}, {@code epoch}) of the rooms {@code principal} may see. */
    private Map<String, Object> clusterList(ClusterRooms.Listing l, Principal principal) {
        List<Object> rows = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.node.ObjectNode full : l.rows()) {
            try {
                RoomStats stats = codec.mapper().treeToValue(full, RoomStats.class);
                if (!principal.covers(RoomAddress.parse(stats.type() + "/" + stats.name()))) {
                    continue;
                }
                com.fasterxml.jackson.databind.node.ObjectNode row = codec.mapper().valueToTree(RoomSummary.of(stats));
                for (String k : List.of("node", "epoch")) {
                    if (full.has(k)) {
                        row.set(k, full.get(k));
                    }
                }
                rows.add(row);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                // a row this member cannot read is left out
            }
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("rooms", rows);
        out.put("nodes", l.nodes());
        out.put("missing", l.missing());
        return out;
    }

    static void noSuchRoom(Context ctx, RoomAddress room) {
        HttpErrors.answer(ctx, 404, "NO_SUCH_ROOM", "room " + room + " has not been used");
    }

    private void settings(Context ctx) {
        json(ctx, Map.of("hibernateAfterMillis", registry.hibernateAfter().toMillis()));
    }

    private void setHibernateAfter(Context ctx) {
        try {
            Duration d = parseDelay(ctx.body().strip());
            if (d.toMillis() < 100) {
                HttpErrors.answer(ctx, 400, "INVALID_SETTING", "hibernate-after must be at least 100ms");
                return;
            }
            registry.hibernateAfter(d);
            json(ctx, Map.of("hibernateAfterMillis", d.toMillis()));
        } catch (RuntimeException e) {
            HttpErrors.answer(ctx, 400, "INVALID_SETTING", e.getMessage());
        }
    }

    /** Accepts {@code {"millis": n}} or a duration such as {@code "2s"}. */
    private Duration parseDelay(String body) {
        try {
            var node = codec.mapper().readTree(body);
            if (node != null && node.has("millis") && node.get("millis").canConvertToLong()) {
                return Duration.ofMillis(node.get("millis").asLong());
            }
            if (node != null && node.isTextual()) {
                return DurationConverter.parse(node.asText());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not JSON: a bare duration such as 2s
        }
        return DurationConverter.parse(body);
    }

    /** The value as JSON, plus {@code node} in cluster mode (PROTOCOL.md, Cluster). */
    private Object withNode(Object value, RoomAddress room) {
        java.util.function.Function<RoomAddress, Map<String, Object>> n = node;
        if (n == null) {
            return value;
        }
        com.fasterxml.jackson.databind.node.ObjectNode json = codec.mapper().valueToTree(value);
        n.apply(room).forEach((k, v) -> json.set(k, codec.mapper().valueToTree(v)));
        return json;
    }

    private void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(codec.write(body));
    }
}
