package org.roomhub.client.net;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Sends an SSE or polling session's frames through {@code POST …/messages?session=}. One post at a
 * time: parallel posts could overtake each other and the room would see the frames out of order.
 */
final class SessionPoster {

    private static final Logger LOG = Logger.getLogger(SessionPoster.class.getName());

    private final HttpClient http;
    private final RoomAddress room;
    private CompletableFuture<?> chain = CompletableFuture.completedFuture(null);

    SessionPoster(HttpClient http, RoomAddress room) {
        this.http = http;
        this.room = room;
    }

    /** Queues one frame for {@code sessionId} on the hub at {@code hub}; the hub answers 202 and replies on the session itself. */
    synchronized void post(HubEndpoint hub, String sessionId, String text) {
        HttpRequest request = HttpRequest.newBuilder(hub.roomMessages(room, sessionId))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build();
        chain = chain.handle((v, e) -> null)
                .thenCompose(v -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        LOG.fine(() -> room + ": post failed: " + error);
                    } else if (response.statusCode() != 202) {
                        // A gone session shows on its stream or poll too, which reconnects; nothing to redo here.
                        LOG.fine(() -> room + ": post answered " + response.statusCode() + " " + response.body());
                    }
                });
    }
}
