package org.roomhub.agent;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.roomhub.protocol.trust.Fingerprints;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What an agent publishes and where.
 *
 * @param hubs hub base URLs ({@code http://host:7070}, {@code https://…}, or {@code ws://…}), tried in turn
 * @param token the credential, sent as {@code Authorization: Bearer}; {@code null} for an open loopback hub
 * @param room the name under {@code metrics/}
 * @param interval time between two readings
 * @param bufferSpan how long the agent keeps readings it could not send: {@code bufferSpan / interval} readings
 * @param maxBufferedPoints a hard cap on points held, whatever the span (the oldest reading goes first)
 * @param trustedCerts SHA-256 fingerprints of the only certificates an {@code https}/{@code wss} hub may
 *                     show ({@code --trust-cert}, e.g. a self-signed hub's); empty: the JDK's CAs decide
 */
public record AgentSettings(List<URI> hubs, String token, String room, Duration interval, Duration bufferSpan,
                            int maxBufferedPoints, List<String> trustedCerts) {

    /** Readings kept by default: ten minutes' worth. */
    public static final Duration DEFAULT_BUFFER_SPAN = Duration.ofMinutes(10);
    /** Points held at most by default (about 10 MB of heap at worst). */
    public static final int DEFAULT_MAX_BUFFERED_POINTS = 100_000;

    /** Checks the values. */
    public AgentSettings {
        hubs = List.copyOf(hubs);
        trustedCerts = trustedCerts == null ? List.of() : trustedCerts.stream().map(Fingerprints::normalize).toList();
        if (hubs.isEmpty()) {
            throw new IllegalArgumentException("give at least one hub URL");
        }
        for (URI hub : hubs) {
            String scheme = hub.getScheme() == null ? "" : hub.getScheme();
            if (!List.of("http", "https", "ws", "wss").contains(scheme) || hub.getHost() == null) {
                throw new IllegalArgumentException("'" + hub + "' is not a hub URL; use e.g. http://server:7070");
            }
        }
        if (!RoomAddress.isValidName(room)) {
            throw new IllegalArgumentException("'" + room + "' is not a room name: 1–64 of A-Z a-z 0-9 . _ -");
        }
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("the interval must be at least 100ms");
        }
        if (bufferSpan.isNegative() || maxBufferedPoints < 0) {
            throw new IllegalArgumentException("the buffer cannot be negative");
        }
    }

    /** Settings that leave TLS trust to the JDK's CAs. */
    public AgentSettings(List<URI> hubs, String token, String room, Duration interval, Duration bufferSpan, int maxBufferedPoints) {
        this(hubs, token, room, interval, bufferSpan, maxBufferedPoints, List.of());
    }

    /** These settings, trusting only the certificates with {@code fingerprints} on a TLS hub. */
    public AgentSettings trusting(List<String> fingerprints) {
        return new AgentSettings(hubs, token, room, interval, bufferSpan, maxBufferedPoints, fingerprints);
    }

    /** Whether any hub URL is reached over TLS. */
    public boolean anyTls() {
        return hubs.stream().anyMatch(u -> u.getScheme().equals("https") || u.getScheme().equals("wss"));
    }

    /** Settings with the default buffer. */
    public static AgentSettings of(List<URI> hubs, String token, String room, Duration interval) {
        return new AgentSettings(hubs, token, room, interval, DEFAULT_BUFFER_SPAN, DEFAULT_MAX_BUFFERED_POINTS);
    }

    /** Readings the buffer keeps: the span divided by the interval, at least one. */
    public int maxBufferedReadings() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bufferSpan.toMillis() / interval.toMillis()));
    }

    /** The WebSocket address of the room on the {@code i}-th hub. */
    public URI roomUri(int i) {
        URI hub = hubs.get(i);
        String scheme = switch (hub.getScheme()) {
            case "https", "wss" -> "wss";
            default -> "ws";
        };
        String base = hub.getPath() == null ? "" : hub.getPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + hub.getRawAuthority() + base + "/rooms/metrics/" + room);
    }

    /** This machine's name cleaned to a valid room name ({@code localhost} when it has none). */
    public static String hostRoomName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return cleanRoomName(host);
    }

    /** Replaces what a room name may not hold with {@code -} and cuts it to 64 characters. */
    public static String cleanRoomName(String name) {
        String cleaned = name == null ? "" : name.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.isEmpty()) {
            return "localhost";
        }
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
