package org.roomhub.hub.config;

import java.nio.file.Path;
import java.time.Duration;

/** Every hub setting, grouped by concern; defaults live here and nowhere else. */
public final class HubConfig {

    /** Where the hub listens. */
    public final NetworkConfig network = new NetworkConfig();
    /** Where and how rooms keep their state. */
    public final StorageConfig storage = new StorageConfig();
    /** Room lifecycle settings. */
    public final RoomsConfig rooms = new RoomsConfig();

    /** Network settings. */
    public static final class NetworkConfig {
        /** Address to bind; loopback by default so a fresh hub is never exposed by accident. */
        public String bind = "127.0.0.1";
    }

    /** Storage settings. */
    public static final class StorageConfig {
        /** Folder holding the durable store. */
        public Path dataDir = Path.of("data");
    }

    /** Room lifecycle settings. */
    public static final class RoomsConfig {
        /** Idle time after which a room is evicted from memory while its sockets stay open. */
        public Duration hibernateAfter = Duration.ofSeconds(10);
        /** A metric name is broadcast at most once per this interval; the last value of a burst always goes. */
        public Duration minBroadcastInterval = Duration.ofMillis(100);
        /** Most events waiting in one room's queue; past that a client gets {@code RATE_LIMIT}. */
        public int queueCapacity = 10_000;
        /** Threads all rooms share. */
        public int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        /** Room types beyond the built-ins (ServiceLoader finds more on the class path). */
        public final java.util.List<org.roomhub.hub.room.RoomType> extraTypes = new java.util.ArrayList<>();
        /** Time queued events get to finish on shutdown. */
        public Duration shutdownGrace = Duration.ofSeconds(5);
    }
}
