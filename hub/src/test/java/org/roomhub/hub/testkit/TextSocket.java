package org.roomhub.hub.testkit;

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
 * The JDK WebSocket client reduced to whole text frames handed to a callback as strings, with no JSON
 * parsing: cheap enough for the benchmark's load, and the transport under {@link WsClient}. It can stop
 * reading after a number of frames, like a stalled consumer, and start again.
 */
public final class TextSocket {

    /** Completes with the close code the hub sent, or -1 when the connection failed or was aborted here. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Whole frames received so far. */
    public final AtomicLong frames = new AtomicLong();
    private final CompletableFuture<WebSocket> socket;
    /** Frames still to read before reading stops; negative reads forever. */
    private final AtomicLong budget;
    private volatile Consumer<String> onFrame;

    private TextSocket(HttpClient http, URI uri, long readFirst, Consumer<String> onFrame) {
        this.onFrame = onFrame;
        this.budget = new AtomicLong(readFirst);
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, new WebSocket.Listener() {
            private StringBuilder partial;

            @Override
            public void onOpen(WebSocket ws) {
                ws.request(budget.get() < 0 ? Long.MAX_VALUE : 1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (!last) {
                    if (partial == null) {
                        partial = new StringBuilder();
                    }
                    partial.append(data);
                    ws.request(1);
                    return null;
                }
                String text = partial == null ? data.toString() : partial.append(data).toString();
                partial = null;
                frames.incrementAndGet();
                TextSocket.this.onFrame.accept(text);
                long left = budget.get() < 0 ? -1 : budget.decrementAndGet();
                if (left > 0) {
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
        });
    }

    /** Starts connecting and reads every frame; {@link #opened()} completes once the upgrade is done. */
    public static TextSocket connect(HttpClient http, URI uri, Consumer<String> onFrame) {
        return new TextSocket(http, uri, -1, onFrame);
    }

    /** Starts connecting; reads {@code readFirst} frames, then stops reading until {@link #unstall()}. */
    public static TextSocket stalled(HttpClient http, URI uri, long readFirst, Consumer<String> onFrame) {
        return new TextSocket(http, uri, readFirst, onFrame);
    }

    public CompletableFuture<WebSocket> opened() {
        return socket;
    }

    /** Replaces the frame handler. */
    public void onFrame(Consumer<String> handler) {
        this.onFrame = handler;
    }

    /** A stalled socket reads again, everything from now on. */
    public void unstall() {
        budget.set(-1);
        socket.join().request(Long.MAX_VALUE);
    }

    /** Sends one text frame and waits (bounded) until the JDK client has written it. */
    public void send(String text) {
        try {
            socket.get(30, TimeUnit.SECONDS).sendText(text, true).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /**
     * Sends a normal close (1000), now or as soon as the socket is open; does not wait for the hub's answer.
     * The JDK may hand frames to the listener before {@link #opened()} completes, so a caller that saw a
     * frame can find the socket not yet open: it is closed properly then too, never aborted (an abort ends
     * the JDK's listener calls, so {@link #closed} would wait for the hub's close for ever).
     */
    public void close() {
        socket.thenAccept(ws -> {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
            }
        });
    }

    /** Drops the connection without a close frame; {@link #closed} completes with -1 (the JDK reports nothing after an abort). */
    public void abort() {
        socket.thenAccept(ws -> {
            ws.abort();
            closed.complete(-1);
        });
    }

    /** The value of a top-level string field, found by text (the hub's frames are compact JSON from Jackson). */
    public static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    /** Whether a frame is of {@code type}, found by text. */
    public static boolean isType(String json, String type) {
        return json.contains("\"type\":\"" + type + "\"");
    }
}
