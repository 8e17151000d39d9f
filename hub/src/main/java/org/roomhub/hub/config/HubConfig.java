package org.roomhub.hub.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roomhub.hub.storage.StorageOptions;

/** Every hub setting, grouped by concern; defaults live here and nowhere else. */
public final class HubConfig {

    /** Where the hub listens. */
    public final NetworkConfig network = new NetworkConfig();
    /** Where and how rooms keep their state. */
    public final StorageConfig storage = new StorageConfig();
    /** Room lifecycle settings. */
    public final RoomsConfig rooms = new RoomsConfig();
    /** Who may connect and do what. */
    public final AuthConfig auth = new AuthConfig();
    /** Browser-facing HTTP settings. */
    public final HttpConfig http = new HttpConfig();
    /** Rate and connection limits. */
    public final LimitsConfig limits = new LimitsConfig();
    /** Per-connection transport settings: outbound queues, heartbeats, polling sessions. */
    public final TransportConfig transport = new TransportConfig();
    /** TLS: off unless a certificate is given or a self-signed one asked for. */
    public final TlsConfig tls = new TlsConfig();
    /**
     * The time rooms, alarms, frame timestamps, room figures and tokens see. Code, not a setting (never
     * in the config file): tests set a clock they move by hand to check time-based behaviour without waiting.
     */
    public Clock clock = Clock.systemUTC();

    /** Cluster membership ({@code --cluster …}); null runs a single hub. Command line only, not in the YAML file. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public org.roomhub.hub.cluster.ClusterSettings cluster;

    /** Network settings. */
    public static final class NetworkConfig {
        /** Address to bind; loopback by default so a fresh hub is never exposed by accident. */
        public String bind = "127.0.0.1";
    }

    /** Storage settings. */
    public static final class StorageConfig {
        /** Folder holding the durable store (and the token secret). */
        public Path dataDir = Path.of("data");
        /**
         * Under load, how long a group commit may gather writes before its one fdatasync (a lone write never
         * waits); {@code -Droomhub.commitDelayMicros=N} sets it, 0 turns it off.
         */
        public Duration commitDelay = Duration.ofNanos(1000 * Long.getLong("roomhub.commitDelayMicros",
                StorageOptions.DEFAULT_COMMIT_DELAY.toNanos() / 1000));
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
        public final List<org.roomhub.hub.room.RoomType> extraTypes = new ArrayList<>();
        /** Time queued events get to finish on shutdown. */
        public Duration shutdownGrace = Duration.ofSeconds(5);
    }

    /** Credentials. */
    public static final class AuthConfig {
        /**
         * Whether every request needs a token. {@code null} (the default) decides from the bind address:
         * required beyond loopback, open on loopback. An open hub treats a client without a token as admin.
         */
        public Boolean required;
        /** Lifetime of the admin token printed when a hub bound beyond loopback starts. */
        public Duration adminTokenTtl = Duration.ofDays(7);
        /**
         * Whether every token holder may choose a display name ({@code name=} at connect, {@code set-name} later).
         * Off by default: with tokens, the token's user is who you are, and {@code set-name} is refused.
         */
        public boolean freeNames;
    }

    /**
     * TLS. Given a certificate (PEM files, or a self-signed one generated once into the data folder), the
     * hub serves {@code https}/{@code wss} only.
     */
    public static final class TlsConfig {
        /** PEM certificate chain (the hub's own certificate first); needs {@link #keyFile}. */
        public Path certFile;
        /** PEM private key (PKCS#8, or PKCS#1 RSA / SEC1 EC) matching {@link #certFile}. */
        public Path keyFile;
        /** Generate a self-signed certificate into the data folder on first start and reuse it afterwards. */
        public boolean selfSigned;

        /** Whether the hub serves TLS. */
        public boolean enabled() {
            return selfSigned || certFile != null;
        }
    }

    /** Browser-facing settings. */
    public static final class HttpConfig {
        /**
         * Origins allowed by CORS; {@code *} allows any. Empty (the default) means any origin on a
         * loopback hub and none beyond loopback.
         */
        public final List<String> corsOrigins = new ArrayList<>();
    }

    /** Rate and connection limits. */
    public static final class LimitsConfig {
        /** Client frames per minute, by room type; types not listed get {@link #defaultRate}. Pings are free. */
        public final Map<String, Rate> rates = new HashMap<>(Map.of(
                "chat", new Rate(60, 120),
                "metrics", new Rate(60_000, 120_000)));
        /** Budget of room types not in {@link #rates}. */
        public Rate defaultRate = new Rate(600, 1_200);
        /** Default of {@link #connectionsPerRoom} (a constant, so the command line can show it). */
        public static final int DEFAULT_CONNECTIONS_PER_ROOM = 5_000;
        /** Default of {@link #connectionsPerUser}. */
        public static final int DEFAULT_CONNECTIONS_PER_USER = 500;
        /** Most open connections in one room. */
        public int connectionsPerRoom = DEFAULT_CONNECTIONS_PER_ROOM;
        /** Most open connections of one user, over all rooms. */
        public int connectionsPerUser = DEFAULT_CONNECTIONS_PER_USER;

        /**
         * A token-bucket budget: frames per minute for one connection and for one user (all their
         * connections in rooms of the type together).
         */
        public record Rate(int perConnection, int perUser) {}

        /** The budget of a room type. */
        public Rate rateOf(String roomType) {
            return rates.getOrDefault(roomType, defaultRate);
        }
    }

    /** Per-connection transport settings. */
    public static final class TransportConfig {
        /** Most frames waiting for one slow consumer. */
        public int outboundFrames = 4_096;
        /** Most bytes waiting for one slow consumer; enough for a resume of a full chat log (1000 frames of up to 4 KB). */
        public long outboundBytes = 8L * 1024 * 1024;
        /**
         * A WebSocket that wrote less than this ago keeps further frames until the writer pool's next
         * tick, so frames arriving faster than this leave a few per write (one syscall, one flusher pass);
         * a frame to a socket quiet for this long goes at once. Costs a busy socket up to this much
         * latency; 0 writes every frame at once. {@code -Droomhub.writeLingerMillis=N} changes the default.
         */
        public Duration writeLinger = Duration.ofMillis(Long.getLong("roomhub.writeLingerMillis", 50));
        /**
         * The adaptive linger: a socket still fed at a tick, holding fewer than 8 frames, keeps them for
         * further ticks up to this long since its last write (whole lingers; at most {@link #writeLinger}
         * when shorter), so a socket receiving a broadcast every 20 ms writes ~5 frames per syscall, not ~3.
         * {@code -Droomhub.writeLingerMaxMillis=N} changes the default.
         */
        public Duration writeLingerMax = Duration.ofMillis(Long.getLong("roomhub.writeLingerMaxMillis", 100));
        /**
         * The write age: a WebSocket waiting under the linger writes once it has waited this long (or at
         * once when {@link #writeAgeFrames} wait) instead of at the pool's shared ticks, so no broadcast frame waits longer;
         * replaces {@link #writeLingerMax}. 0 (the default) keeps the shared ticks: on the quiet machine an age of
         * 50–90 ms cut the p99 of a 1,000 × 50 msg/s fan-out by 15–50 % but cost 10–25 % more CPU per frame, past
         * half the plain server's (docs/performance.md). {@code -Droomhub.writeAgeMillis=N} sets one.
         */
        public Duration writeAge = Duration.ofMillis(Long.getLong("roomhub.writeAgeMillis", 0));
        /**
         * With a {@link #writeAge}: a waiting WebSocket writes as soon as this many frames wait (0: only the
         * age ends the wait). {@code -Droomhub.writeAgeFrames=N} changes the default.
         */
        public int writeAgeFrames = Integer.getInteger("roomhub.writeAgeFrames", 8);
        /** How often the hub pings a quiet WebSocket and sends an SSE comment. */
        public Duration heartbeatInterval = Duration.ofSeconds(20);
        /** A WebSocket from which nothing (not even a pong) arrived for this long is closed and reaped. */
        public Duration heartbeatWindow = Duration.ofSeconds(60);
        /** A polling session not seen for this long is gone. */
        public Duration pollingSessionTimeout = Duration.ofSeconds(60);
        /** Longest long poll. */
        public Duration maxPollWait = Duration.ofSeconds(30);
    }
}
