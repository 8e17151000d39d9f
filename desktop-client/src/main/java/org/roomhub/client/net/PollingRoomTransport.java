package org.roomhub.client.net;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.PollBatch;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A room over HTTP long polling ({@code GET …/poll}): the first call opens a session, each later
 * one passes {@code session=} and {@code after=next} (which acknowledges what came) and waits up
 * to {@value #WAIT_SECONDS} s. A failed call keeps the session and retries it after a backoff
 * delay; a session the hub no longer knows (404) or closed is reopened with {@code after=} the
 * last room seq seen, so nothing broadcast in between is missed. Sends go through
 * {@link SessionPoster}. Each answer, the envelope {@code {sessionId, messages:[…], next}}
 * ({@link PollBatch}), is parsed once by the codec, its messages decoded from that one tree.
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
            if (sessionHub != null && !sessionHub.equals(endpoint())) {
                sessionId = null; // failed over to another hub URL: that hub never heard of this session
                sessionHub = null;
            }
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
        HubEndpoint hub;
        synchronized (this) {
            call = inFlight;
            inFlight = null;
            session = sessionId;
            hub = sessionHub;
            if (forGood) {
                sessionId = null;
                sessionHub = null;
            }
        }
        if (call != null) {
            call.cancel(true);
        }
        if (forGood && session != null) {
            leave(hub, session); // polling has no "leave" of its own
        }
    }

    private void open(int gen) {
        HubEndpoint hub = endpoint();
        URI uri = hub.roomPollOpen(room, displayName.get(), lastSeq.getAsLong());
        call(gen, uri, 10).whenCompleteAsync((response, error) -> {
            if (error != null) {
                failed(gen, words(error));
                return;
            }
            if (response.statusCode() != 200) {
                notOk(gen, response.statusCode(), response.body());
                return;
            }
            PollBatch.Received batch = codec.decodePoll(response.body()).orElse(null);
            if (batch == null) {
                failed(gen, "the hub's poll answer was unreadable");
                return;
            }
            synchronized (this) {
                if (!isCurrent(gen)) {
                    return;
                }
                sessionId = batch.sessionId();
                sessionHub = hub;
                next = batch.next();
            }
            connected(gen, uri.getHost() + ":" + uri.getPort() + " over polling");
            take(gen, batch);
        }, io);
    }

    private void poll(int gen, String session) {
        long after;
        HubEndpoint hub;
        synchronized (this) {
            after = next;
            hub = sessionHub == null ? endpoint() : sessionHub;
        }
        URI uri = hub.roomPoll(room, session, after, WAIT_SECONDS);
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
                    sessionHub = null;
                }
                note(gen, ConnectionState.RECONNECTING, "session gone — reopening after seq " + lastSeq.getAsLong());
                open(gen);
                return;
            }
            if (response.statusCode() != 200) {
                notOk(gen, response.statusCode(), response.body());
                return;
            }
            PollBatch.Received batch = codec.decodePoll(response.body()).orElse(null);
            if (batch == null) {
                failed(gen, "the hub's poll answer was unreadable");
                return;
            }
            synchronized (this) {
                if (!isCurrent(gen)) {
                    return;
                }
                next = batch.next();
            }
            connected(gen, uri.getHost() + ":" + uri.getPort() + " over polling");
            take(gen, batch);
        }, io);
    }

    /** Delivers a batch, then polls on, or reopens when the hub closed the session. */
    private void take(int gen, PollBatch.Received batch) {
        for (Decoded<ServerFrame> message : batch.messages()) {
            ServerFrame frame = frameOf(message);
            if (frame != null) {
                deliver(gen, frame);
            }
        }
        if (batch.closed().isPresent()) {
            PollBatch.Closed closed = batch.closed().get();
            synchronized (this) {
                if (isCurrent(gen)) {
                    sessionId = null; // answered its close once; the hub has forgotten it
                    sessionHub = null;
                }
            }
            failed(gen, FailureWords.ofClose(closed.code(), closed.reason()));
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
}
