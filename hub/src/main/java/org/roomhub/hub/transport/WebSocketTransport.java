package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import org.roomhub.hub.http.RoomPath;
import org.roomhub.hub.http.Sessions;
import org.roomhub.hub.runtime.ClientSession;
import org.roomhub.hub.runtime.RoomRegistry;

/**
 * WebSocket sessions on {@code /rooms/{type}/{name}}. The room path is checked before the upgrade,
 * so a bad request is never upgraded; a plain GET gets 426.
 */
public final class WebSocketTransport {

    private static final String SESSION = "roomhub.session";
    private static final long MAX_PENDING_BYTES = 8L * 1024 * 1024;

    private final RoomRegistry registry;
    private final RoomPath paths;

    /** Sessions into rooms of {@code registry}. */
    public WebSocketTransport(RoomRegistry registry, RoomPath paths) {
        this.registry = registry;
        this.paths = paths;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.wsBeforeUpgrade("/rooms/{type}/{name}", ctx -> paths.resolve(ctx));
        routes.get("/rooms/{type}/{name}", ctx -> {
            if (paths.resolve(ctx).isPresent()) {
                ctx.status(426).header("Upgrade", "websocket").result("Expected WebSocket");
            }
        });
        routes.ws("/rooms/{type}/{name}", ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(ctx -> session(ctx).host().receive(session(ctx), ctx.message()));
            ws.onClose(ctx -> {
                ClientSession s = ctx.attribute(SESSION);
                if (s != null) {
                    s.host().left(s, ctx.status(), ctx.reason() == null ? "" : ctx.reason());
                }
            });
            ws.onError(ctx -> {
                ClientSession s = ctx.attribute(SESSION);
                if (s != null && ctx.error() != null) {
                    s.host().failed(s, ctx.error());
                }
            });
        });
    }

    private void connect(WsContext ctx) {
        ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(5));
        var address = new org.roomhub.protocol.value.RoomAddress(ctx.pathParam("type"), ctx.pathParam("name"));
        Long since = parseSince(ctx.queryParam("since"));
        String user = Sessions.displayName(ctx.queryParam("name"));
        ClientSession session = registry.open(address).join(Sessions.newId(), user, "admin",
                new WebSocketOutbound(ctx.session, MAX_PENDING_BYTES), since);
        ctx.attribute(SESSION, session);
    }

    private static ClientSession session(WsContext ctx) {
        return ctx.attribute(SESSION);
    }

    private static Long parseSince(String value) {
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value);
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
