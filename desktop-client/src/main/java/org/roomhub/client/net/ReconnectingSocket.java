package org.roomhub.client.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A text WebSocket that comes back by itself: when the socket drops it reconnects after a
 * {@link Backoff} delay, asking {@code uri} again each time so the caller can add {@code since=}.
 * Callbacks arrive one at a time on the HTTP client's threads.
 */
final class ReconnectingSocket extends ReconnectingTransport {

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Supplier<URI> uri;

    private WebSocket socket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

    ReconnectingSocket(HttpClient http, ScheduledExecutorService timer, Supplier<URI> uri, Handler handler, Backoff backoff) {
        super(timer, handler, backoff);
        this.http = http;
        this.timer = timer;
        this.uri = uri;
    }

    @Override
    public synchronized boolean send(String text) {
        WebSocket ws = socket;
        if (ws == null) {
            return false;
        }
        // The JDK WebSocket allows one outstanding send: chain them.
        sendChain = sendChain.handle((v, e) -> null).thenCompose(v -> ws.sendText(text, true));
        return true;
    }

    @Override
    protected void attempt(int gen) {
        URI target = uri.get();
        http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(target, new Listener(gen))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        failed(gen, rootMessage(error));
                        return;
                    }
                    synchronized (this) {
                        if (!isCurrent(gen)) {
                            ws.abort();
                            return;
                        }
                        socket = ws;
                        sendChain = CompletableFuture.completedFuture(null);
                    }
                    connected(gen, target.getHost() + ":" + target.getPort());
                });
    }

    @Override
    protected void release(boolean forGood) {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
            socket = null;
        }
        if (ws == null) {
            return;
        }
        if (forGood) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            try {
                timer.schedule(ws::abort, 2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                ws.abort();
            }
        } else {
            ws.abort();
        }
    }

    /** Gathers partial text frames and hands over whole ones, for one attempt. */
    private final class Listener implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                deliver(gen, text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            failed(gen, "closed " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            failed(gen, rootMessage(error));
        }
    }
}
