package org.roomhub.client.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A room over HTTP long polling ({@code GET …/poll}): the first call opens a session, each later
 * one passes {@code session=} and {@code after=next} (which acknowledges what came) and waits up
 * to {@value #WAIT_SECONDS} s. A failed call keeps the session and retries it after a backoff
 * delay; a session the hub no longer knows (404) or closed is reopened with {@code after=} the
 * last room seq seen, so nothing broadcast in between is missed. Sends go through
 * {@link SessionPoster}. Each answer, the envelope {@code {sessionId, messages:[…], next}}, is
 * parsed once; its messages are decoded from that tree, not re-read from text.
 */
final class PollingRoomTransport extends HttpSessionTransport {

    /** Long-poll wait; the hub allows up to 30 s. */
    static final int WAIT_SECONDS = 25;

    private final LongSupplier lastSeq;

    private long next;
    private CompletableFuture<?> inFlight;

    /** {@code lastSeq} gives the highest broadcast seq the owner has seen, for reopening. */
    PollingRoomTransport(NetResources net, RoomAddress room, Supplier<String> displayName, LongSupplier lastSeq, LinkListener<ServerFrame> listener) {
        super(net, room, displayName, listener);
        this.lastSeq = lastSeq;
    }

    @Override
    protected void attempt(int gen) {
        String session;
        synchronized (this) {
            session = sessionId;
        }
        if (session == null) {
            open(gen);
        } else {
            poll(gen, session); // the hub may still hold the session and its unacknowledged frames
        }
    }

    @Override
    protected void release(boolean forGood) {
        CompletableFuture<?> call;
        String session;
        synchronized (this) {
            call = inFlight;
            inFlight = null;
            session = sessionId;
            if (forGood) {
                sessionId = null;
            }
        }
        if (call != null) {
            call.cancel(true);
        }
        if (forGood && session != null) {
            leave(session); // polling has no "leave" of its own
        }
    }

    private void open(int gen) {
        URI uri = endpoint.roomPollOpen(room, displayName.get(), lastSeq.getAsLong());
        call(gen, uri, 10).whenCompleteAsync((response, error) -> {
            if (error != null) {
                failed(gen, words(error));
                return;
            }
            if (response.statusCode() != 200) {
                notOk(gen, response.statusCode(), response.body());
                return;
            }
            JsonNode body = parse(response.body());
            synchronized (this) {
                if (!isCurrent(gen)) {
                    return;
                }
                sessionId = body.path("sessionId").asText();
                next = body.path("next").asLong();
            }
            connected(gen, uri.getHost() + ":" + uri.getPort() + " over polling");
            take(gen, body);
        }, io);
    }

    private void poll(int gen, String session) {
        long after;
        synchronized (this) {
            after = next;
        }
        URI uri = endpoint.roomPoll(room, session, after, WAIT_SECONDS);
        call(gen, uri, WAIT_SECONDS + 10).whenCompleteAsync((response, error) -> {
            if (error != null) {
                failed(gen, words(error));
                return;
            }
            if (response.statusCode() == 404) {
                synchronized (this) {
                    if (!isCurrent(gen)) {
                        return;
                    }
                    sessionId = null;
                }
                note(gen, ConnectionState.RECONNECTING, "session gone — reopening after seq " + lastSeq.getAsLong());
                open(gen);
                return;
            }
            if (response.statusCode() != 200) {
                notOk(gen, response.statusCode(), response.body());
                return;
            }
            JsonNode body = parse(response.body());
            synchronized (this) {
                if (!isCurrent(gen)) {
                    return;
                }
                next = body.path("next").asLong(after);
            }
            connected(gen, uri.getHost() + ":" + uri.getPort() + " over polling");
            take(gen, body);
        }, io);
    }

    /** Delivers a batch, then polls on, or reopens when the hub closed the session. */
    private void take(int gen, JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            ServerFrame frame = frameOf(codec.decodeServer(message));
            if (frame != null) {
                deliver(gen, frame);
            }
        }
        JsonNode closed = body.path("closed");
        if (!closed.isMissingNode()) {
            synchronized (this) {
                if (isCurrent(gen)) {
                    sessionId = null; // answered its close once; the hub has forgotten it
                }
            }
            failed(gen, FailureWords.ofClose(closed.path("code").asInt(), closed.path("reason").asText("")));
            return;
        }
        String session;
        synchronized (this) {
            session = sessionId;
        }
        if (isCurrent(gen) && session != null) {
            poll(gen, session);
        }
    }

    private CompletableFuture<HttpResponse<String>> call(int gen, URI uri, int timeoutSeconds) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds)).GET().build();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        synchronized (this) {
            if (isCurrent(gen)) {
                inFlight = call;
            }
        }
        return call;
    }

    private JsonNode parse(String body) {
        try {
            return codec.mapper().readTree(body);
        } catch (IOException e) {
            return codec.mapper().createObjectNode();
        }
    }
}
