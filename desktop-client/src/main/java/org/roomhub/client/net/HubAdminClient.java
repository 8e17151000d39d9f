package org.roomhub.client.net;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Hub management for the architecture view, a part of PROTOCOL.md's "Managing rooms" (admin role; the
 * hub also lists a room's sessions and storage and deletes rooms, which the desktop does not use yet):
 * <ul>
 *   <li>{@code POST /api/rooms/{type}/{name}/hibernate} — evict the room now, sockets stay open</li>
 *   <li>{@code PUT /api/config/hibernate-after} with body {@code {"millis": n}} — idle delay before hibernation</li>
 *   <li>{@code DELETE /api/rooms/{type}/{name}/sessions/{sessionId}} — close one client's connection</li>
 * </ul>
 */
public final class HubAdminClient {

    private final HubRequests requests;

    HubAdminClient(HubRequests requests) {
        this.requests = requests;
    }

    /** Asks the hub to hibernate a room now. */
    public CompletableFuture<Void> forceHibernate(RoomAddress room) {
        return requests.send(requests.request(HubRequests.roomPath(room) + "/hibernate")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).thenApply(body -> null);
    }

    /** How long rooms stay idle before they hibernate ({@code GET /api/config}). */
    public CompletableFuture<Duration> hibernateAfter() {
        return requests.get("/api/config").thenApply(body -> {
            try {
                return Duration.ofMillis(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)
                        .path("hibernateAfterMillis").asLong());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable /api/config answer", e);
            }
        });
    }

    /** Sets how long rooms stay idle before they hibernate. */
    public CompletableFuture<Void> setHibernateAfter(Duration delay) {
        return requests.send(requests.request("/api/config/hibernate-after")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"millis\":" + delay.toMillis() + "}")).build())
                .thenApply(body -> null);
    }

    /** Closes one session's connection from the hub side. */
    public CompletableFuture<Void> disconnect(RoomAddress room, String sessionId) {
        return requests.send(requests.request(HubRequests.roomPath(room) + "/sessions/" + sessionId)
                .DELETE().build()).thenApply(body -> null);
    }
}
