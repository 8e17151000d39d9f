package org.roomhub.client.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What the SSE and polling transports share: they join a room over HTTP, learn a session id from
 * the hub, and send through {@code POST …/messages?session=} ({@link SessionPoster}).
 */
abstract class HttpSessionTransport extends ReconnectingTransport {

    protected final HttpClient http;
    protected final Executor io;
    protected final HubEndpoint endpoint;
    protected final RoomAddress room;
    protected final String displayName;
    protected final ObjectMapper json;
    private final SessionPoster poster;
    /** The hub's session for this connection, null between sessions. Guarded by {@code this}. */
    protected String sessionId;

    HttpSessionTransport(HubClient hub, RoomAddress room, String displayName, Handler handler) {
        super(hub.timer(), handler, Backoff.standard());
        this.http = hub.http();
        this.io = hub.io();
        this.endpoint = hub.endpoint();
        this.room = room;
        this.displayName = displayName;
        this.json = hub.codec().mapper();
        this.poster = new SessionPoster(http, endpoint, room);
    }

    @Override
    public final boolean send(String text) {
        String session;
        synchronized (this) {
            session = sessionId;
        }
        if (session == null || state() != ConnectionState.CONNECTED) {
            return false;
        }
        poster.post(session, text);
        return true;
    }
}
