package org.roomhub.client.net;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Plain requests to the hub's REST API with the token, to the hub URL the client's links use now, for {@link HubClient}, {@link HubAdminClient}
 * and {@link MapFilesClient}. Asynchronous; a non-2xx answer fails the future with {@link HubRequestException}.
 */
final class HubRequests {

    private final HttpClient http;
    private final Supplier<HubEndpoint> endpoint;

    HubRequests(HttpClient http, Supplier<HubEndpoint> endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    /** {@code /api/rooms/{type}/{name}}, the REST path of a room. */
    static String roomPath(RoomAddress room) {
        return "/api/rooms/" + room.type() + "/" + room.name();
    }

    CompletableFuture<String> get(String path) {
        return send(request(path).GET().build());
    }

    CompletableFuture<String> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new HubRequestException(request.method() + " " + request.uri().getPath(), response.statusCode(), response.body());
            }
            return response.body();
        });
    }

    HttpRequest.Builder request(String path) {
        HubEndpoint hub = endpoint.get();
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub.http(path)).timeout(Duration.ofSeconds(10));
        if (hub.token() != null) {
            builder.header("Authorization", "Bearer " + hub.token());
        }
        return builder;
    }
}
