package org.roomhub.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A cheap WebSocket client for load: the JDK client over one shared {@link HttpClient}, frames handed
 * to a callback as strings without JSON parsing (the load generator must stay lighter than the hub).
 */
final class BenchSocket {

    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final AtomicLong frames = new AtomicLong();
    private volatile Consumer<String> onFrame;
    private final CompletableFuture<WebSocket> socket;

    private BenchSocket(HttpClient http, URI uri, Consumer<String> onFrame) {
        this.onFrame = onFrame;
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, new WebSocket.Listener() {
            private StringBuilder partial;

            @Override
            public void onOpen(WebSocket ws) {
                ws.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (!last) {
                    if (partial == null) {
                        partial = new StringBuilder();
                    }
                    partial.append(data);
                    return null;
                }
                String text;
                if (partial != null) {
                    partial.append(data);
                    text = partial.toString();
                    partial = null;
                } else {
                    text = data.toString();
                }
                frames.incrementAndGet();
                BenchSocket.this.onFrame.accept(text);
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
        });
    }

    /** Starts connecting; {@link #opened()} completes once the upgrade is done. */
    static BenchSocket connect(HttpClient http, URI uri, Consumer<String> onFrame) {
        return new BenchSocket(http, uri, onFrame);
    }

    CompletableFuture<WebSocket> opened() {
        return socket;
    }

    void onFrame(Consumer<String> handler) {
        this.onFrame = handler;
    }

    /** Sends one text frame and waits (bounded) until the JDK client has written it. */
    void send(String json) {
        try {
            socket.get(30, TimeUnit.SECONDS).sendText(json, true).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    void close() {
        WebSocket ws = socket.getNow(null);
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        } else if (ws == null) {
            socket.thenAccept(WebSocket::abort);
        }
    }

    void abort() {
        socket.thenAccept(WebSocket::abort);
    }

    /** The value of a top-level string field, found by text (frames are compact JSON from Jackson). */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    static boolean isType(String json, String type) {
        return json.contains("\"type\":\"" + type + "\"");
    }
}
