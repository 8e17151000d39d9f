package org.roomhub.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.roomhub.hub.room.RoomRequest;
import org.roomhub.hub.runtime.RoomRegistry;

/** Plain HTTP requests to a room's path (other than GET, which is the WebSocket join): the room answers. */
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
    }

    private void handle(Context ctx) {
        paths.resolve(ctx).ifPresent(address -> {
            var principal = org.roomhub.hub.auth.Access.admit(ctx,
                    access.forRoom(org.roomhub.hub.auth.Access.token(ctx), address, () -> "anonymous"));
            if (principal.isEmpty()) {
                return;
            }
            RoomRequest request = new RoomRequest(ctx.method().name(), ctx.path(), ctx.queryParamMap(), principal.get().user(), ctx.body());
            ctx.future(() -> registry.open(address).request(request).thenAccept(r ->
                    ctx.status(r.status()).contentType(r.contentType()).result(r.body())));
        });
    }
}
