package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.roomhub.hub.limit.ConnectionLimits;

/**
 * WebSocket sessions on {@code /rooms/{type}/{name}}. Path and credentials are checked before the
 * upgrade, so a bad or unauthorized request is never upgraded; a plain GET gets 426. A full room
 * upgrades, sends {@code error ROOM_FULL} and closes with 1013. Accepted upgrades are served on
 * Jetty's core by {@link RoomSocketRoute} (installed in front of Javalin with {@link #route}); the
 * Javalin routes here answer everything that route passes on: the refusals, and the plain GET.
 */
public final class WebSocketTransport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebSocketTransport.class);

    private final Edge edge;
    private final WebSocketLiveness liveness;
    private RoomSocketRoute route;

    /** Sessions through {@code edge}. */
    public WebSocketTransport(Edge edge) {
        this.edge = edge;
        this.liveness = new WebSocketLiveness(edge.settings().heartbeatWindow.toMillis());
        long every = edge.settings().heartbeatInterval.toMillis();
        edge.timer().scheduleWithFixedDelay(() -> liveness.beat(System.currentTimeMillis()), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Puts the room WebSocket route in front of whatever handler {@code server} gets next (Javalin
     * nests its servlet context inside the innermost wrapper it finds); call from Javalin's
     * {@code jetty.modifyServer}.
     */
    public void route(Server server) {
        route = new RoomSocketRoute(server, edge, liveness);
        server.setHandler(route);
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

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        // Refusals, answered before any upgrade: 400/404 for the path, then 401/403 for the credentials.
        routes.wsBeforeUpgrade("/rooms/{type}/{name}", ctx -> edge.paths().resolve(ctx).ifPresent(a -> edge.authorize(ctx, a)));
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
        // Reached only by an upgrade the core route did not take, and its before-upgrade check refuses every
        // one that can be refused; what is left (a handshake Jetty's core would not accept) is not served.
        routes.ws("/rooms/{type}/{name}", ws -> ws.onConnect(ctx -> {
            LOG.warn("{}: an upgrade passed the checks but was not taken by the room route", ctx.session.getRemoteSocketAddress());
            ctx.session.close(1011, "upgrade not served", org.eclipse.jetty.websocket.api.Callback.NOOP);
        }));
    }

    private static boolean isPeerGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /** Open room sockets (for tests: must be zero once all are gone). */
    int size() {
        return route == null ? 0 : route.size();
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
