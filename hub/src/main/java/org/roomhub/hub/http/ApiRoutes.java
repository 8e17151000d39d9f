package org.roomhub.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.config.DurationConverter;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.runtime.RoomRegistry;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomSummary;

/**
 * The REST API: room lists and stats, plus admin actions the architecture view uses (force a room
 * to hibernate, change the hibernation delay).
 */
public final class ApiRoutes {

    private final RoomRegistry registry;
    private final RoomPath paths;
    private final FrameCodec codec;
    private final Access access;

    /** Routes over this registry; reads need a valid token when the hub requires one, actions the admin role. */
    public ApiRoutes(RoomRegistry registry, RoomPath paths, FrameCodec codec, Access access) {
        this.registry = registry;
        this.paths = paths;
        this.codec = codec;
        this.access = access;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/api/rooms", reader(this::list));
        routes.get("/api/rooms/{type}/{name}", reader(this::stats));
        routes.post("/api/rooms/{type}/{name}/hibernate", admin(this::hibernate));
        routes.delete("/api/rooms/{type}/{name}/sessions/{sessionId}", admin(this::disconnect));
        routes.get("/api/config", reader(this::settings));
        routes.put("/api/config/hibernate-after", admin(this::setHibernateAfter));
    }

    private io.javalin.http.Handler reader(io.javalin.http.Handler h) {
        return ctx -> {
            if (Access.admit(ctx, access.forReading(Access.token(ctx))).isPresent()) {
                h.handle(ctx);
            }
        };
    }

    /** Room paths are checked first (400/404), then the admin role (401/403). */
    private io.javalin.http.Handler admin(io.javalin.http.Handler h) {
        return ctx -> {
            if (ctx.pathParamMap().containsKey("type") && paths.resolve(ctx).isEmpty()) {
                return;
            }
            if (Access.admit(ctx, access.forAdmin(Access.token(ctx))).isPresent()) {
                h.handle(ctx);
            }
        };
    }

    private void list(Context ctx) {
        List<RoomSummary> rooms = registry.all().stream()
                .sorted(Comparator.comparing((RoomHost h) -> h.address().toString()))
                .map(h -> RoomSummary.of(h.stats())).toList();
        json(ctx, Map.of("rooms", rooms));
    }

    private void stats(Context ctx) {
        paths.resolve(ctx).ifPresent(a -> registry.find(a).ifPresentOrElse(
                h -> json(ctx, h.stats()),
                () -> HttpErrors.answer(ctx, 404, "NO_SUCH_ROOM", "room " + a + " has not been used")));
    }

    private void hibernate(Context ctx) {
        paths.resolve(ctx).ifPresent(a -> registry.find(a).ifPresentOrElse(h -> {
            h.hibernateNow();
            ctx.status(202).json(Map.of("room", a.toString(), "hibernating", true));
        }, () -> HttpErrors.answer(ctx, 404, "NO_SUCH_ROOM", "room " + a + " has not been used")));
    }

    private void disconnect(Context ctx) {
        paths.resolve(ctx).ifPresent(a -> {
            boolean found = registry.find(a).map(h -> h.disconnect(ctx.pathParam("sessionId"), 1000, "disconnected by an admin"))
                    .orElse(false);
            if (found) {
                ctx.status(202).json(Map.of("room", a.toString(), "sessionId", ctx.pathParam("sessionId"), "closing", true));
            } else {
                HttpErrors.answer(ctx, 404, "NO_SUCH_SESSION", "no session " + ctx.pathParam("sessionId") + " in " + a);
            }
        });
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

    private void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(codec.write(body));
    }

}
