package org.roomhub.hub.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's, through {@link TextSocket}) that records every frame it receives as JSON, for assertions. */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** One client for all sockets: each HttpClient owns threads, and tests open a thousand sockets. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final TextSocket socket;

    private WsClient(HttpClient http, URI uri, long readFirst) {
        this.socket = TextSocket.stalled(http, uri, readFirst, text -> {
            try {
                frames.add(JSON.readTree(text));
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        });
        socket.closed.whenComplete((code, e) -> closed.complete(code));
        socket.opened().join(); // a refused handshake throws here, as tests expect
    }

    public static WsClient connect(URI uri) {
        return new WsClient(HTTP, uri, -1);
    }

    /** A client over {@code http}, e.g. one that trusts a hub's TLS certificate. */
    public static WsClient connect(HttpClient http, URI uri) {
        return new WsClient(http, uri, -1);
    }

    /** A client that reads {@code readFirst} frames and then stops reading, like a stalled consumer. */
    public static WsClient stalled(URI uri, long readFirst) {
        return new WsClient(HTTP, uri, readFirst);
    }

    /** A stalled client starts reading again. */
    public void unstall() {
        socket.unstall();
    }

    public void send(String json) {
        socket.send(json);
    }

    /** Waits for the first frame of {@code type} matching {@code test} and returns it. */
    public JsonNode await(String type, Predicate<JsonNode> test) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (JsonNode f : frames) {
                if (type.equals(f.path("type").asText()) && test.test(f)) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public JsonNode await(String type) {
        return await(type, f -> true);
    }

    /** Whether a frame of {@code type} matching {@code test} has arrived. */
    public boolean has(String type, Predicate<JsonNode> test) {
        return frames.stream().anyMatch(f -> type.equals(f.path("type").asText()) && test.test(f));
    }

    public List<JsonNode> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    public List<String> types() {
        return frames.stream().map(f -> f.path("type").asText()).toList();
    }

    public String sessionId() {
        return await("connected").path("sessionId").asText();
    }

    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
