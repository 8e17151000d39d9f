package org.roomhub.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** One WebSocket to a metrics room. The agent only sends; what the hub says is read for errors and closes. */
final class HubLink implements WebSocket.Listener {

    private final Consumer<String> log;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean open = true;

    private HubLink(Consumer<String> log) {
        this.log = log;
    }

    /** Opens the room; a refusal retrying cannot fix is a {@link HubRefusal}, anything else an {@link IOException}. */
    static HubLink open(HttpClient http, URI uri, String token, String room, Duration timeout,
                        Consumer<String> log) throws IOException, HubRefusal, InterruptedException {
        HubLink link = new HubLink(log);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.strip());
        }
        try {
            link.socket = builder.buildAsync(uri, link).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h && HubRefusal.isFinal(h.getResponse().statusCode())) {
                throw HubRefusal.of(h.getResponse().statusCode(), uri.getScheme() + "://" + uri.getRawAuthority(), room);
            }
            if (cause instanceof WebSocketHandshakeException h) {
                throw new IOException("upgrade answered " + h.getResponse().statusCode(), h);
            }
            throw new IOException(words(cause == null ? e : cause), cause);
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout.toSeconds() + " s", e);
        }
        // Our own updates need not come back: subscribe to no metric at all.
        link.send("{\"type\":\"subscribe\",\"metrics\":[]}", timeout);
        return link;
    }

    /** What went wrong, in words: a refused certificate's own message (it names the fingerprint), else the error's. */
    private static String words(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException c && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }

    /** Sends one text frame and waits until it is written; a failure closes the link. */
    void send(String text, Duration timeout) throws IOException, InterruptedException {
        try {
            socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            abort();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("send failed: " + cause, cause);
        }
    }

    /** Whether the hub has not closed it and no send failed. */
    boolean isOpen() {
        return open && !socket.isOutputClosed() && !socket.isInputClosed();
    }

    /** Closes politely (code 1000). */
    void close() {
        open = false;
        WebSocket s = socket;
        if (s != null && !s.isOutputClosed()) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ws, e) -> s.abort());
        }
    }

    /** Drops the connection at once. */
    void abort() {
        open = false;
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            // Only errors matter to a publisher; a plain search keeps the JSON library out of the agent.
            if (text.contains("\"type\":\"error\"")) {
                log.accept("the hub answered: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (open) {
            log.accept("the hub closed the connection (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        }
        open = false;
        webSocket.abort();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        open = false;
    }
}
