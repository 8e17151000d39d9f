package org.roomhub.hub.http;

import io.javalin.http.Context;
import java.util.Optional;
import org.roomhub.hub.runtime.RoomTypes;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Checks a room path in the order PROTOCOL.md fixes, whatever the method: bad name 400, unknown
 * type 404. Credentials come next (elsewhere), then the 426 for a plain GET.
 */
public final class RoomPath {

    private final RoomTypes types;

    /** Checks against these room types. */
    public RoomPath(RoomTypes types) {
        this.types = types;
    }

    /** The address, or empty after answering the request with 400 or 404. */
    public Optional<RoomAddress> resolve(Context ctx) {
        String type = ctx.pathParam("type");
        String name = ctx.pathParam("name");
        if (!RoomAddress.isValidName(name)) {
            HttpErrors.answer(ctx, 400, "INVALID_NAME", "room name must be 1–64 chars of [A-Za-z0-9._-]");
            return Optional.empty();
        }
        if (!RoomAddress.isValidType(type) || types.get(type).isEmpty()) {
            HttpErrors.answer(ctx, 404, "UNKNOWN_ROOM_TYPE", "no room type '" + type + "'");
            return Optional.empty();
        }
        return Optional.of(new RoomAddress(type, name));
    }
}
