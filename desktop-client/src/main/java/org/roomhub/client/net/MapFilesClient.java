package org.roomhub.client.net;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A map room's files: {@code GET /api/rooms/map/{name}/export?format=gpx|geojson} and
 * {@code POST /api/rooms/map/{name}/import}. Asynchronous; a non-2xx answer fails the future with
 * {@link HubRequestException} carrying the hub's message.
 */
public final class MapFilesClient {

    private final HubRequests requests;

    MapFilesClient(HubRequests requests) {
        this.requests = requests;
    }

    /** The room's pins and route as a file of {@code format} ({@code gpx} or {@code geojson}). */
    public CompletableFuture<String> export(RoomAddress room, String format) {
        return requests.get(HubRequests.roomPath(room) + "/export?format=" + encode(format));
    }

    /** Adds a file's pins and route to the room; {@code asUser} owns pins the file names no owner for. */
    public CompletableFuture<String> importFile(RoomAddress room, String format, String body, String asUser) {
        String query = "?format=" + encode(format) + (asUser == null || asUser.isBlank() ? "" : "&name=" + encode(asUser));
        return requests.send(requests.request(HubRequests.roomPath(room) + "/import" + query)
                .header("Content-Type", "GPX".equalsIgnoreCase(format) ? "application/gpx+xml" : "application/geo+json")
                .timeout(java.time.Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
