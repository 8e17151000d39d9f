package org.roomhub.client.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A text WebSocket that comes back by itself: when the socket drops it reconnects after a
 * {@link Backoff} delay, asking {@code uri} again each time so the caller can add {@code since=}.
 * Callbacks arrive one at a time on the HTTP client's threads.
 */
final class ReconnectingSocket {

    private static final Logger LOG = Logger.getLogger(ReconnectingSocket.class.getName());

    /** What the socket tells its owner. */
    interface Handler {
        /** One complete text frame. */
        void onText(String text);

        /** The state moved; {@code detail} says why when there is a reason. */
        void onState(ConnectionState state, String detail);
    }

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Supplier<URI> uri;
    private final Handler handler;
    private final Backoff backoff;

    private WebSocket socket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private boolean closed;
    private ConnectionState state = ConnectionState.CONNECTING;

    ReconnectingSocket(HttpClient http, ScheduledExecutorService timer, Supplier<URI> uri, Handler handler, Backoff backoff) {
        this.http = http;
        this.timer = timer;
        this.uri = uri;
        this.handler = handler;
        this.backoff = backoff;
    }

    /** Starts the first attempt. */
    void open() {
        moveTo(ConnectionState.CONNECTING, null);
        attempt();
    }

    /** Sends one text frame; false when not connected (the frame is not queued). */
    synchronized boolean send(String text) {
        WebSocket ws = socket;
        if (ws == null || closed) {
            return false;
        }
        // The JDK WebSocket allows one outstanding send: chain them.
        sendChain = sendChain.handle((v, e) -> null).thenCompose(v -> ws.sendText(text, true));
        return true;
    }

    /** Closes for good with a normal close code. */
    void close() {
        WebSocket ws;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ws = socket;
            socket = null;
        }
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            timer.schedule(ws::abort, 2, TimeUnit.SECONDS);
        }
        moveTo(ConnectionState.CLOSED, null);
    }

    /** Drops the socket without closing for good, as a network failure would; a reconnect follows. */
    void dropForTest() {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
            scheduleReconnect("dropped");
        }
    }

    synchronized ConnectionState state() {
        return state;
    }

    private void attempt() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        URI target = uri.get();
        http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(target, new Listener())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        scheduleReconnect(rootMessage(error));
                        return;
                    }
                    boolean keep;
                    synchronized (this) {
                        keep = !closed;
                        if (keep) {
                            socket = ws;
                            sendChain = CompletableFuture.completedFuture(null);
                        }
                    }
                    if (!keep) {
                        ws.abort();
                        return;
                    }
                    backoff.reset();
                    moveTo(ConnectionState.CONNECTED, target.getHost() + ":" + target.getPort());
                });
    }

    private void scheduleReconnect(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
            socket = null;
        }
        Duration delay = backoff.next();
        moveTo(ConnectionState.RECONNECTING, why + " — retry in " + delay.toMillis() + " ms");
        timer.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void moveTo(ConnectionState next, String detail) {
        synchronized (this) {
            state = next;
        }
        try {
            handler.onState(next, detail);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "state handler failed", e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Gathers partial text frames and hands over whole ones. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                deliver(handler::onText, text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            synchronized (ReconnectingSocket.this) {
                if (socket != ws) {
                    return null;
                }
            }
            scheduleReconnect("closed " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            synchronized (ReconnectingSocket.this) {
                if (socket != ws) {
                    return;
                }
            }
            scheduleReconnect(rootMessage(error));
        }

        private void deliver(Consumer<String> sink, String text) {
            try {
                sink.accept(text);
            } catch (RuntimeException e) {
                // A faulty handler must not kill the socket's read loop.
                LOG.log(Level.WARNING, "frame handler failed", e);
            }
        }
    }
}
