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
    }
}
