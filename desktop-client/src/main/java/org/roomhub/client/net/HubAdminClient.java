package org.roomhub.client.net;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Hub management for the architecture view and its lab, PROTOCOL.md's "Managing rooms" (admin role):
 * <ul>
 *   <li>{@code POST /api/rooms/{type}/{name}/hibernate} — evict the room now, sockets stay open</li>
 *   <li>{@code PUT /api/config/hibernate-after} with body {@code {"millis": n}} — idle delay before hibernation</li>
 *   <li>{@code DELETE /api/rooms/{type}/{name}/sessions/{sessionId}} — close one client's connection</li>
 *   <li>{@code GET /api/rooms/{type}/{name}/sessions} and {@code …/storage} — who is in a room, what it stores</li>
 *   <li>{@code DELETE /api/rooms/{type}/{name}} — close its clients and delete the room with its storage</li>
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

    /** A room's sessions ({@code {sessions:[{sessionId, user, role, transport, tags, connectedAt, queuedFrames, queuedBytes}]}}). */
    public CompletableFuture<com.fasterxml.jackson.databind.JsonNode> sessions(RoomAddress room) {
        return requests.get(HubRequests.roomPath(room) + "/sessions").thenApply(HubAdminClient::json);
    }

    /** One page of a room's stored keys ({@code {entries:[{key, bytes, value}], next}}), up to {@code limit}. */
    public CompletableFuture<com.fasterxml.jackson.databind.JsonNode> storage(RoomAddress room, int limit) {
        return requests.get(HubRequests.roomPath(room) + "/storage?limit=" + limit).thenApply(HubAdminClient::json);
    }

    /** Closes a room's clients (1001) and deletes the room and its storage. */
    public CompletableFuture<Void> deleteRoom(RoomAddress room) {
        return requests.send(requests.request(HubRequests.roomPath(room)).DELETE().build()).thenApply(body -> null);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable hub answer", e);
        }
    }
}
