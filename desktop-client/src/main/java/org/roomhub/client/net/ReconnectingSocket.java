package org.roomhub.client.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.roomhub.protocol.Decoded;

/**
 * A text WebSocket that comes back by itself: when the socket drops it reconnects after a
 * {@link Backoff} delay, asking {@code uri} again each time (for the hub URL in use) so the caller can add {@code since=}.
 * Each whole text frame is decoded once here; callbacks arrive one at a time on the HTTP client's threads.
 *
 * @param <F> room frames or observer frames
 */
final class ReconnectingSocket<F> extends ReconnectingTransport<F> {

    private static final Logger LOG = Logger.getLogger(ReconnectingSocket.class.getName());

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Function<HubEndpoint, URI> uri;
    private final Function<String, Decoded<F>> decoder;

    private WebSocket socket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

    /** {@code adminOnly}: the link reaches an admin-only endpoint, so a refusal concerns only admin rights. */
    ReconnectingSocket(NetResources net, Function<HubEndpoint, URI> uri, Function<String, Decoded<F>> decoder, LinkListener<F> listener,
            boolean adminOnly) {
        super(net, listener, Backoff.standard(), adminOnly);
        this.http = net.http();
        this.timer = net.timer();
        this.uri = uri;
        this.decoder = decoder;
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
        URI target = uri.apply(endpoint());
        http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(target, new Listener(gen))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        int status = refusalStatus(error);
                        if (status > 0) {
                            refuse(gen, target, status, error);
                        } else {
                            failed(gen, words(error));
                        }
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

    /** The 401/403 of a refused handshake, else 0. */
    private static int refusalStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException h && h.getResponse() != null && HubRefusal.isRefusal(h.getResponse().statusCode())) {
                return h.getResponse().statusCode();
            }
        }
        return 0;
    }

    /**
     * Reports a refused handshake with the hub's own words. The JDK keeps no body for a failed
     * upgrade, so the same URL is asked once more as plain HTTP: the hub checks credentials before
     * it answers 426, so that answer carries the same refusal and its message.
     */
    private void refuse(int gen, URI target, int status, Throwable error) {
        String scheme = target.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
        URI plain = URI.create(scheme + target.toString().substring(target.getScheme().length()));
        http.sendAsync(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, e) -> refused(gen, status,
                        response != null && HubRefusal.isRefusal(response.statusCode()) ? FailureWords.hubMessage(response.body()) : ""));
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
                Decoded<F> decoded = decoder.apply(text);
                if (decoded instanceof Decoded.Ok<F> ok) {
                    deliver(gen, ok.frame());
                } else if (decoded instanceof Decoded.Failed<F> failed) {
                    LOG.fine(() -> "ignoring frame: " + failed.error());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            failed(gen, FailureWords.ofClose(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            failed(gen, words(error));
        }
    }
}
