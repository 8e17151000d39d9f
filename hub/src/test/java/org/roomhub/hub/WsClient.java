package org.roomhub.hub;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that records every frame it receives, for assertions. */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** One client for all sockets: each HttpClient owns threads, and tests open a thousand sockets. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    /** Frames still to read before the client stops reading (a stalled consumer); negative reads forever. */
    private final java.util.concurrent.atomic.AtomicLong budget;

    private WsClient(URI uri) {
        this(uri, -1);
    }

    private WsClient(URI uri, long readFirst) {
        this(HTTP, uri, readFirst);
    }

    private WsClient(HttpClient http, URI uri, long readFirst) {
        this.budget = new java.util.concurrent.atomic.AtomicLong(readFirst);
        this.socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                if (budget.get() < 0 || budget.decrementAndGet() > 0) {
                    ws.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    static WsClient connect(URI uri) {
        return new WsClient(uri);
    }

    /** A client over {@code http}, e.g. one that trusts a hub's TLS certificate. */
    static WsClient connect(HttpClient http, URI uri) {
        return new WsClient(http, uri, -1);
    }

    /** A client that reads {@code readFirst} frames and then stops reading, like a stalled consumer. */
    static WsClient stalled(URI uri, long readFirst) {
        return new WsClient(uri, readFirst);
    }

    /** A stalled client starts reading again. */
    void unstall() {
        budget.set(-1);
        socket.request(Long.MAX_VALUE);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** Waits for the first frame of {@code type} matching {@code test} and returns it. */
    JsonNode await(String type, Predicate<JsonNode> test) {
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

    JsonNode await(String type) {
        return await(type, f -> true);
    }

    /** Whether a frame of {@code type} matching {@code test} has arrived. */
    boolean has(String type, Predicate<JsonNode> test) {
        return frames.stream().anyMatch(f -> type.equals(f.path("type").asText()) && test.test(f));
    }

    List<JsonNode> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    List<String> types() {
        return frames.stream().map(f -> f.path("type").asText()).toList();
    }

    String sessionId() {
        return await("connected").path("sessionId").asText();
    }

    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(1000, "bye");
        }
    }
}
