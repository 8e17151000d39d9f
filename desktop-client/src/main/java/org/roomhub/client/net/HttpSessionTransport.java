package org.roomhub.client.net;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What the SSE and polling transports share: they join a room over HTTP, learn a session id from
 * the hub, and send through {@code POST …/messages?session=} ({@link SessionPoster}).
 */
abstract class HttpSessionTransport extends ReconnectingTransport<ServerFrame> {

    private static final Logger LOG = Logger.getLogger(HttpSessionTransport.class.getName());

    protected final HttpClient http;
    protected final Executor io;
    protected final RoomAddress room;
    protected final Supplier<String> displayName;
    protected final FrameCodec codec;
    private final SessionPoster poster;
    /** The hub's session for this connection, null between sessions. Guarded by {@code this}. */
    protected String sessionId;
    /** The hub URL {@link #sessionId} belongs to. Guarded by {@code this}. */
    protected HubEndpoint sessionHub;

    HttpSessionTransport(NetResources net, RoomAddress room, Supplier<String> displayName, LinkListener<ServerFrame> listener) {
        super(net, listener, Backoff.standard(), false);
        this.http = net.http();
        this.io = net.io();
        this.room = room;
        this.displayName = displayName;
        this.codec = net.codec();
        this.poster = new SessionPoster(http, room);
    }

    @Override
    public final boolean send(String text) {
        String session;
        HubEndpoint hub;
        synchronized (this) {
            session = sessionId;
            hub = sessionHub;
        }
        if (session == null || hub == null || state() != ConnectionState.CONNECTED) {
            return false;
        }
        poster.post(hub, session, text);
        return true;
    }

    /**
     * Leaves the hub's session {@code session} at once, rather than when the hub notices (SSE: at its
     * next heartbeat write; polling: when the session expires). PROTOCOL.md gives an HTTP session no
     * "leave" of its own; the hub's session close path ({@code DELETE /api/rooms/…/sessions/{id}})
     * serves an admin or an open hub. Where it refuses (a member's token) the hub's own expiry does it.
     */
    protected final void leave(HubEndpoint hub, String session) {
        http.sendAsync(HttpRequest.newBuilder(hub.roomSession(room, session)).timeout(Duration.ofSeconds(5)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** The frame {@code decoded} holds, or null (logged) when the hub sent something unreadable. */
    protected final ServerFrame frameOf(Decoded<ServerFrame> decoded) {
        if (decoded instanceof Decoded.Failed<ServerFrame> failed) {
            LOG.fine(() -> room + ": ignoring frame: " + failed.error());
            return null;
        }
        return ((Decoded.Ok<ServerFrame>) decoded).frame();
    }

    /** Handles a non-200 answer to attempt {@code gen}: a refusal ends the retries, anything else retries. */
    protected final void notOk(int gen, int status, String body) {
        if (HubRefusal.isRefusal(status)) {
            refused(gen, status, FailureWords.hubMessage(body));
        } else {
            failed(gen, FailureWords.ofStatus(status, FailureWords.hubMessage(body)));
        }
    }
}
