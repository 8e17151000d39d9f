package org.roomhub.hub.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.function.BiFunction;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Wraps REST handlers in the checks PROTOCOL.md fixes: a room path first (400/404), then the token
 * (401 missing, 403 invalid, not covering the room or lacking the role), then the handler.
 */
final class Guard {

    /** A handler that knows who asked. */
    @FunctionalInterface
    interface PrincipalHandler {
        void handle(Context ctx, Principal principal) throws Exception;
    }

    /** A handler of one room's path that knows who asked. */
    @FunctionalInterface
    interface RoomHandler {
        void handle(Context ctx, RoomAddress room, Principal principal) throws Exception;
    }

    private final RoomPath paths;
    private final Access access;

    Guard(RoomPath paths, Access access) {
        this.paths = paths;
        this.access = access;
    }

    /** Any valid token (or none on an open hub); the handler filters by what the principal covers. */
    Handler reader(PrincipalHandler h) {
        return ctx -> {
            Optional<Principal> p = Access.admit(ctx, access.forReading(Access.token(ctx)));
            if (p.isPresent()) {
                h.handle(ctx, p.get());
            }
        };
    }

    /** The admin role. */
    Handler admin(PrincipalHandler h) {
        return ctx -> {
            Optional<Principal> p = Access.admit(ctx, access.forAdmin(Access.token(ctx)));
            if (p.isPresent()) {
                h.handle(ctx, p.get());
            }
        };
    }

    /** A room path, then a token that covers the room (any role). */
    Handler roomReader(RoomHandler h) {
        return room((a, token) -> access.forReadingRoom(token, a), h);
    }

    /** A room path, then the admin role. */
    Handler roomAdmin(RoomHandler h) {
        return room((a, token) -> access.forAdmin(token), h);
    }

    private Handler room(BiFunction<RoomAddress, String, Access.Decision> decide, RoomHandler h) {
        return ctx -> {
            Optional<RoomAddress> a = paths.resolve(ctx);
            if (a.isEmpty()) {
                return;
            }
            Optional<Principal> p = Access.admit(ctx, decide.apply(a.get(), Access.token(ctx)));
            if (p.isPresent()) {
                h.handle(ctx, a.get(), p.get());
            }
        };
    }
}
