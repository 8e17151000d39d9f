package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.http.Sessions;
import org.roomhub.hub.limit.ConnectionLimits;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * WebSocket sessions on {@code /rooms/{type}/{name}}. Path and credentials are checked before the
 * upgrade, so a bad or unauthorized request is never upgraded; a plain GET gets 426. A full room
 * upgrades, sends {@code error ROOM_FULL} and closes with 1013.
 */
public final class WebSocketTransport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebSocketTransport.class);

    private final Edge edge;
    private final WebSocketLiveness liveness;
    /** Each socket's way to its membership, by Jetty session: readable by a close that races the join. */
    private final Map<Session, SocketMembership> sockets = new ConcurrentHashMap<>();

    /** Sessions through {@code edge}. */
    public WebSocketTransport(Edge edge) {
        this.edge = edge;
        this.liveness = new WebSocketLiveness(edge.settings().heartbeatWindow.toMillis());
        long every = edge.settings().heartbeatInterval.toMillis();
        edge.timer().scheduleWithFixedDelay(() -> liveness.beat(System.currentTimeMillis()), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The hub uses no servlet sessions, yet Javalin opens one for every WebSocket upgrade (it copies the
     * session's attribute names into its context), and Jetty's default cache kept each for 30 minutes:
     * about 1 KB per connection ever made, long after it closed. A null cache forgets them at once.
     */
    public static void keepNoHttpSessions(org.eclipse.jetty.ee10.servlet.ServletContextHandler context) {
        org.eclipse.jetty.ee10.servlet.SessionHandler sessions = context.getSessionHandler();
        if (sessions != null) {
            org.eclipse.jetty.session.NullSessionCache cache = new org.eclipse.jetty.session.NullSessionCache(sessions);
            cache.setSessionDataStore(new org.eclipse.jetty.session.NullSessionDataStore());
            sessions.setSessionCache(cache);
        }
    }

    /** The connector listener that lets heartbeats see incoming bytes; add it to every connector. */
    public org.eclipse.jetty.io.Connection.Listener connectionListener() {
        return liveness;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        // The room exists once the handshake completes (callers may look it up as soon as they are connected).
        routes.wsBeforeUpgrade("/rooms/{type}/{name}", ctx -> edge.paths().resolve(ctx)
                .ifPresent(a -> edge.authorize(ctx, a).ifPresent(p -> edge.rooms().ensure(a))));
        // A peer that resets before the 101 is written fails the upgrade: an ordinary disconnect, not a hub error.
        routes.exception(java.io.IOException.class, (e, ctx) -> {
            if (isPeerGone(e)) {
                LOG.debug("{} {}: the client went away: {}", ctx.method(), ctx.path(), e.toString());
            } else {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500);
            }
        });
        routes.get("/rooms/{type}/{name}", ctx -> edge.paths().resolve(ctx).flatMap(a -> edge.authorize(ctx, a)).ifPresent(p ->
                ctx.status(426).header("Upgrade", "websocket").result("Expected WebSocket")));
        routes.ws("/rooms/{type}/{name}", ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(ctx -> {
                Membership m = memberOf(ctx.session);
                if (m != null) {
                    m.receive(ctx.message());
                }
            });
            ws.onClose(ctx -> {
                liveness.forget(ctx.session);
                // Whether or not the join got as far as a membership: the slot makes it leave either way.
                sockets.computeIfAbsent(ctx.session, s -> new SocketMembership()).closed(ctx.status(), ctx.reason());
                sockets.remove(ctx.session);
            });
            ws.onError(ctx -> {
                Membership m = memberOf(ctx.session);
                if (m != null && ctx.error() != null) {
                    m.failed(ctx.error());
                }
            });
        });
    }

    private static boolean isPeerGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /** Sockets held: every open socket past its join (for tests: must be zero once all are gone). */
    int size() {
        return sockets.size();
    }

    private Membership memberOf(Session session) {
        SocketMembership slot = sockets.get(session);
        return slot == null ? null : slot.member();
    }

    private void connect(WsContext ctx) {
        RoomAddress address = new RoomAddress(ctx.pathParam("type"), ctx.pathParam("name"));
        String suggested = ctx.queryParam("name");
        Access.Decision decision = edge.access().forRoom(Access.token(ctx.queryParam("token"), ctx.header("Authorization")),
                address, () -> Sessions.displayName(suggested));
        if (!(decision instanceof Access.Decision.Allowed allowed)) {
            ctx.session.close(1008, "not authorized", Callback.NOOP); // checked before the upgrade; a token expired in between
            return;
        }
        Principal principal = allowed.principal();
        Optional<ConnectionLimits.Refusal> refused = edge.admit(address, principal);
        if (refused.isPresent()) {
            String text = edge.codec().encode(new ServerFrame.Error(ErrorCode.ROOM_FULL, refusalMessage(refused.get()),
                    System.currentTimeMillis())).text();
            ctx.session.sendText(text, Callback.from(() -> ctx.session.close(QueuedOutbound.TRY_AGAIN_LATER, "room full", Callback.NOOP),
                    e -> ctx.session.close(QueuedOutbound.TRY_AGAIN_LATER, "room full", Callback.NOOP)));
            return;
        }
        Membership member;
        try {
            member = join(ctx, address, principal, suggested);
        } catch (RuntimeException e) {
            edge.connections().release(address, principal.user());
            ctx.session.close(1011, "join failed", Callback.NOOP);
            throw e;
        }
        SocketMembership slot = sockets.computeIfAbsent(ctx.session, s -> new SocketMembership());
        liveness.watch(ctx.session, member, System.currentTimeMillis());
        if (!slot.attach(member) || !ctx.session.isOpen()) {
            // The peer went away during the join (reset right after the 101): the close may have been
            // handled before there was a membership to leave, so leave here.
            liveness.forget(ctx.session);
            sockets.remove(ctx.session, slot);
            member.leave(1006, "connection closed during the join");
        }
    }

    private Membership join(WsContext ctx, RoomAddress address, Principal principal, String suggested) {
        // Jetty's idle timeout counts writes too; it is only the backstop behind the heartbeats.
        Duration window = edge.settings().heartbeatWindow;
        ctx.session.setIdleTimeout(window.plus(window));
        String sessionId = Sessions.newId();
        AtomicReference<Membership> self = new AtomicReference<>();
        WebSocketOutbound out = new WebSocketOutbound(ctx.session, edge.queueFor(address), edge.drops(address, sessionId),
                edge.writer(), (code, reason) -> {
                    Membership m = self.get();
                    if (m != null) {
                        m.leave(code, reason);
                    }
                });
        Membership member = edge.join(address, sessionId, principal,
                Access.displayName(principal, suggested, Sessions::isUsableName), out, parseSince(ctx.queryParam("since")));
        self.set(member);
        return member;
    }

    static String refusalMessage(ConnectionLimits.Refusal r) {
        return r == ConnectionLimits.Refusal.ROOM_FULL ? "the room has no connection left" : "you have no connection left";
    }

    static Long parseSince(String value) {
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value.strip());
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
