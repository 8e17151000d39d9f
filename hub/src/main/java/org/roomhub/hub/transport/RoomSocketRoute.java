package org.roomhub.hub.transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.http.Sessions;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The room WebSocket route on Jetty's core, in front of Javalin: an upgrade of
 * {@code /rooms/{type}/{name}} whose path and credentials pass is upgraded here, with a
 * {@link RoomSocket} as its frame handler, and nothing of the request is kept after the {@code 101}
 * (under Javalin every socket kept its whole servlet upgrade request, most of its heap). Everything
 * else — every refusal (400, 404, 401, 403), a malformed handshake, any other path — goes on to
 * Javalin untouched, whose routes answer it exactly as before; this route never answers a refusal
 * itself, so there is one place that does. Path and query are read the way Javalin reads them
 * (raw path, URL-decoded parameters, trailing slash ignored).
 */
final class RoomSocketRoute extends Handler.Wrapper implements Graceful {

    private static final int GOING_AWAY = 1001;
    private static final Pattern PATH = Pattern.compile("/rooms/([^/]+)/([^/]+)/?");

    private final Edge edge;
    private final WebSocketLiveness liveness;
    private final Handshaker handshaker = Handshaker.newInstance();
    private final WebSocketComponents components;
    private volatile boolean shutdown;

    RoomSocketRoute(Server server, Edge edge, WebSocketLiveness liveness) {
        this.edge = edge;
        this.liveness = liveness;
        this.components = WebSocketServerComponents.ensureWebSocketComponents(server);
    }

    Edge edge() {
        return edge;
    }

    WebSocketLiveness liveness() {
        return liveness;
    }

    /** Sockets open. */
    int size() {
        return liveness.open().size();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        RoomSocket socket = handshaker.isWebSocketUpgradeRequest(request) ? admit(request) : null;
        if (socket != null) {
            WebSocketNegotiator negotiator = new WebSocketNegotiator() {
                @Override
                public org.eclipse.jetty.websocket.core.FrameHandler negotiate(
                        org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest req,
                        org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse res, Callback cb) {
                    // As Javalin did: the first subprotocol offered is accepted (browsers fail the socket otherwise).
                    req.getSubProtocols().stream().filter(p -> !p.isBlank()).findFirst().ifPresent(res::setAcceptedSubProtocol);
                    edge.rooms().ensure(socket.address()); // the room exists once the handshake completes
                    liveness.opened(socket); // closed with 1001 when the server stops (as Jetty's API layer did for Javalin)
                    return socket;
                }

                @Override
                public void customize(org.eclipse.jetty.websocket.core.Configuration c) {
                    // Frames over 64 KiB close the socket with 1009 (PROTOCOL.md). No Jetty idle timeout: the
                    // heartbeats close silent sockets (WebSocketLiveness, with the 2-window backstop Jetty's timeout
                    // was), and Jetty's would keep a timer task per socket (~0.1 KB of an idle socket's heap).
                    c.setMaxTextMessageSize(FrameCodec.MAX_FRAME_BYTES);
                    c.setIdleTimeout(Duration.ZERO);
                }
            };
            if (handshaker.upgradeRequest(negotiator, request, response, callback, components, null)) {
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /** The socket to be, when path and credentials pass; null leaves the request to Javalin. */
    private RoomSocket admit(Request request) {
        Matcher m = PATH.matcher(request.getHttpURI().getPath());
        if (!m.matches()) {
            return null;
        }
        String type;
        String name;
        try {
            type = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            name = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
        if (!RoomAddress.isValidName(name) || !RoomAddress.isValidType(type) || edge.types().get(type).isEmpty()) {
            return null;
        }
        // The type's own name and one shared copy of the room's name: a big room's sockets do not hold one each.
        RoomAddress address = new RoomAddress(edge.types().get(type).get().name(), name.intern());
        Fields query;
        try {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException badQuery) {
            return null;
        }
        String suggested = query.getValue("name");
        String token = Access.token(query.getValue("token"), request.getHeaders().get(HttpHeader.AUTHORIZATION));
        Access.Decision d = edge.access().forRoom(token, address, () -> Sessions.displayName(suggested));
        if (!(d instanceof Access.Decision.Allowed allowed)) {
            return null; // Javalin's route answers 401/403 and counts the refusal
        }
        return new RoomSocket(this, address, allowed.principal(), suggested, WebSocketTransport.parseSince(query.getValue("since")));
    }

    /** A graceful stop closes every open socket with 1001 before Jetty drops the connections. */
    @Override
    public CompletableFuture<Void> shutdown() {
        shutdown = true;
        closeAll();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    protected void doStop() throws Exception {
        closeAll();
        super.doStop();
    }

    private void closeAll() {
        for (RoomSocket s : List.copyOf(liveness.open())) {
            CoreSession session = s.session();
            if (session != null && session.isOutputOpen()) {
                session.close(GOING_AWAY, "hub shutting down", Callback.NOOP);
            }
        }
    }
}
