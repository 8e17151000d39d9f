package org.roomhub.hub.auth;

import java.util.List;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Who is asking: the user a token names, its role, the rooms it covers, and whether the holder may
 * pick a display name with {@code name=}.
 *
 * @param user the token's subject; limits count per user
 * @param role what the holder may do
 * @param rooms rooms the token covers
 * @param mayRename whether {@code name=} may replace {@code user} as the display name at connect, and whether
 *     {@code set-name} may change it later (a token with {@code --allow-name}, any token on a hub with
 *     {@code --free-names}, anyone on an open hub)
 */
public record Principal(String user, Role role, List<RoomPattern> rooms, boolean mayRename) {

    /** Every room, shared: a compiled pattern per open connection cost ~0.9 KB of heap per socket. */
    private static final List<RoomPattern> EVERY_ROOM = List.of(RoomPattern.parse("*"));

    /** Anyone on an open hub: admin of every room, free to pick a name. */
    public static Principal open(String displayName) {
        return new Principal(displayName, Role.ADMIN, EVERY_ROOM, true);
    }

    /** The same principal, free to pick a display name (a hub started with {@code --free-names}). */
    public Principal withFreeName() {
        return mayRename ? this : new Principal(user, role, rooms, true);
    }

    /** Whether the token covers {@code room}. */
    public boolean covers(RoomAddress room) {
        return rooms.stream().anyMatch(p -> p.covers(room));
    }
}
