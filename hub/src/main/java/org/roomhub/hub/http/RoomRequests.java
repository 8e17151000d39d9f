package org.roomhub.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.roomhub.hub.room.RoomRequest;
import org.roomhub.hub.runtime.RoomRegistry;

/**
 * Plain HTTP requests that the room itself answers: any method but GET on a room's path (GET is the
 * WebSocket join), and a room's file exchange under the API, {@code GET /api/rooms/{type}/{name}/export}
 * and {@code POST /api/rooms/{type}/{name}/import} (the map room's GPX and GeoJSON).
 */
public final class RoomRequests {

    private final RoomRegistry registry;
    private final RoomPath paths;
    private final org.roomhub.hub.auth.Access access;

    /** Requests into rooms of {@code registry}, by clients whose token covers the room. */
    public RoomRequests(RoomRegistry registry, RoomPath paths, org.roomhub.hub.auth.Access access) {
        this.registry = registry;
        this.paths = paths;
        this.access = access;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        for (HandlerType method : new HandlerType[] {HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH}) {
            routes.addHttpHandler(method, "/rooms/{type}/{name}", this::handle);
        }
        routes.addHttpHandler(HandlerType.GET, "/api/rooms/{type}/{name}/export", this::handle);
        routes.addHttpHandler(HandlerType.POST, "/api/rooms/{type}/{name}/import", this::handle);
    }

    private void handle(Context ctx) {
        paths.resolve(ctx).ifPresent(address -> {
            var principal = org.roomhub.hub.auth.Access.admit(ctx,
                    access.forRoom(org.roomhub.hub.auth.Access.token(ctx), address, () -> "anonymous"));
            if (principal.isEmpty()) {
                return;
            }
            // Like a join, name= may suggest who is asking (an open hub's clients have no token).
            String user = org.roomhub.hub.auth.Access.displayName(principal.get(), ctx.queryParam("name"),
                    n -> !n.isBlank() && n.strip().length() <= 64);
            RoomRequest request = new RoomRequest(ctx.method().name(), ctx.path(), ctx.queryParamMap(), user,
                    principal.get().role().wireName(), new String(ctx.bodyAsBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ctx.future(() -> registry.open(address).request(request).thenAccept(r ->
                    ctx.status(r.status()).contentType(r.contentType())
                            // Always UTF-8 bytes: a type without a charset (application/geo+json) must not fall back to Latin-1.
                            .result(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        });
    }
}
