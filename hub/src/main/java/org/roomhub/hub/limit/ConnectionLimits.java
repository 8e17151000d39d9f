package org.roomhub.hub.limit;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.roomhub.hub.config.HubConfig.LimitsConfig;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Counts open connections per room and per user at the edge, before a room sees them, so a full
 * room refuses a client without waking.
 */
public final class ConnectionLimits {

    /** Why a connection was refused. */
    public enum Refusal {
        /** The room has {@code connectionsPerRoom} connections. */
        ROOM_FULL("room_full"),
        /** The user has {@code connectionsPerUser} connections. */
        USER_LIMIT("user_limit");

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        /** A metric label. */
        public String label() {
            return label;
        }
    }

    private final LimitsConfig config;
    private final ConcurrentHashMap<RoomAddress, Integer> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> users = new ConcurrentHashMap<>();

    /** Limits from {@code config}. */
    public ConnectionLimits(LimitsConfig config) {
        this.config = config;
    }

    /** Takes a place for {@code user} in {@code room}, or says why not. */
    public synchronized Optional<Refusal> acquire(RoomAddress room, String user) {
        if (rooms.getOrDefault(room, 0) >= config.connectionsPerRoom) {
            return Optional.of(Refusal.ROOM_FULL);
        }
        if (users.getOrDefault(user, 0) >= config.connectionsPerUser) {
            return Optional.of(Refusal.USER_LIMIT);
        }
        rooms.merge(room, 1, Integer::sum);
        users.merge(user, 1, Integer::sum);
        return Optional.empty();
    }

    /** Gives back a place taken by {@link #acquire}. */
    public synchronized void release(RoomAddress room, String user) {
        rooms.computeIfPresent(room, (k, n) -> n <= 1 ? null : n - 1);
        users.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Places held over all rooms. */
    public synchronized int held() {
        return rooms.values().stream().mapToInt(Integer::intValue).sum();
    }
}
