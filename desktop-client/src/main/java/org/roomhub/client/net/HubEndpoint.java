package org.roomhub.client.net;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roomhub.protocol.trust.HubTrust;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Where a hub is and how to prove who we are: the base HTTP URL plus an optional token, and other
 * URLs of the same hub (cluster members) to fail over to. Builds every URL the client uses so no
 * other class concatenates paths; the URL methods use {@link #baseUrl()}.
 *
 * @param baseUrl    {@code http://host:port}, without a trailing slash: the first to try
 * @param token      bearer token, or {@code null} on a loopback hub without credentials
 * @param alternates further base URLs, tried in turn when the one in use stops answering
 */
public record HubEndpoint(URI baseUrl, String token, List<URI> alternates) {

    /** Copies the alternates. */
    public HubEndpoint {
        alternates = alternates == null ? List.of() : List.copyOf(alternates);
    }

    /** One hub URL, no alternates. */
    public HubEndpoint(URI baseUrl, String token) {
        this(baseUrl, token, List.of());
    }

    /**
     * Parses {@code host:port}, {@code http(s)://host:port} or {@code ws(s)://host:port}, or several
     * of them comma-separated ({@code URL1,URL2,URL3}): the first is used first, the others on failover.
     */
    public static HubEndpoint parse(String address, String token) {
        List<URI> urls = new ArrayList<>();
        for (String part : address.split(",")) {
            if (!part.isBlank()) {
                urls.add(parseOne(part));
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no address given");
        }
        for (URI url : urls.subList(1, urls.size())) {
            if (url.getHost() == null) {
                throw new IllegalArgumentException("no host in '" + url + "'");
            }
        }
        return new HubEndpoint(urls.get(0), token == null || token.isBlank() ? null : token.strip(), urls.subList(1, urls.size()));
    }

    private static URI parseOne(String address) {
        String text = address.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        text = text.replaceFirst("^ws://", "http://").replaceFirst("^wss://", "https://");
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** Each URL as an endpoint of its own (same token, no alternates), the first first. */
    public List<HubEndpoint> each() {
        List<HubEndpoint> list = new ArrayList<>();
        list.add(new HubEndpoint(baseUrl, token));
        alternates.forEach(url -> list.add(new HubEndpoint(url, token)));
        return List.copyOf(list);
    }

    /** Whether any of the URLs is reached over TLS. */
    public boolean anySecure() {
        return each().stream().anyMatch(HubEndpoint::secure);
    }

    /** WebSocket URL of a room; {@code since} ≥ 0 asks the hub to resume after that seq. */
    public URI roomSocket(RoomAddress room, String displayName, long since) {
        StringBuilder query = new StringBuilder();
        param(query, "token", token);
        param(query, "name", displayName);
        if (since > 0) {
            param(query, "since", Long.toString(since));
        }
        return URI.create(wsBase() + "/rooms/" + room.type() + "/" + room.name() + query);
    }

    /** SSE URL of a room; resuming goes in the {@code Last-Event-ID} header, not here. */
    public URI roomEvents(RoomAddress room, String displayName) {
        StringBuilder query = new StringBuilder();
        param(query, "token", token);
        param(query, "name", displayName);
        return http(roomPath(room) + "/events" + query);
    }

    /** Polling URL that opens a session; {@code after} > 0 resumes after that room seq. */
    public URI roomPollOpen(RoomAddress room, String displayName, long after) {
        StringBuilder query = new StringBuilder();
        param(query, "token", token);
        param(query, "name", displayName);
        if (after > 0) {
            param(query, "after", Long.toString(after));
        }
        return http(roomPath(room) + "/poll" + query);
    }

    /** Polling URL of an open session: acknowledges up to {@code next}, waits up to {@code waitSeconds}. */
    public URI roomPoll(RoomAddress room, String sessionId, long next, int waitSeconds) {
        StringBuilder query = new StringBuilder();
        param(query, "token", token);
        param(query, "session", sessionId);
        param(query, "after", Long.toString(next));
        param(query, "wait", Integer.toString(waitSeconds));
        return http(roomPath(room) + "/poll" + query);
    }

    /** Where an SSE or polling session posts its frames. */
    public URI roomMessages(RoomAddress room, String sessionId) {
        StringBuilder query = new StringBuilder();
        param(query, "token", token);
        param(query, "session", sessionId);
        return http(roomPath(room) + "/messages" + query);
    }

    /** The admin path of one session, {@code DELETE} closes it. */
    public URI roomSession(RoomAddress room, String sessionId) {
        StringBuilder query = new StringBuilder();
        param(query, "token", token);
        return http("/api" + roomPath(room) + "/sessions/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8) + query);
    }

    /** WebSocket URL of the observer stream. */
    public URI observerSocket() {
        StringBuilder query = new StringBuilder();
        param(query, "token", token);
        return URI.create(wsBase() + "/hub/events" + query);
    }

    /** A plain HTTP URL under the hub, e.g. {@code /api/rooms}. */
    public URI http(String path) {
        return URI.create(baseUrl + path);
    }

    /** Whether the hub is reached over TLS ({@code https}/{@code wss}). */
    public boolean secure() {
        return baseUrl.getScheme().equalsIgnoreCase("https");
    }

    /** {@code host:port} with the scheme's default port filled in: the key of the hub's pinned certificate. */
    public String pinKey() {
        int port = baseUrl.getPort() >= 0 ? baseUrl.getPort() : secure() ? 443 : 80;
        return HubTrust.hubKey(baseUrl.getHost(), port);
    }

    /** {@code host:port} (comma-separated when there are alternates), for labels. */
    public String display() {
        StringBuilder text = new StringBuilder(baseUrl.getAuthority());
        alternates.forEach(url -> text.append(", ").append(url.getAuthority()));
        return text.toString();
    }

    private static String roomPath(RoomAddress room) {
        return "/rooms/" + room.type() + "/" + room.name();
    }

    private String wsBase() {
        String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT).equals("https") ? "wss" : "ws";
        return scheme + "://" + baseUrl.getRawAuthority();
    }

    private static void param(StringBuilder query, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        query.append(query.length() == 0 ? '?' : '&')
                .append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
