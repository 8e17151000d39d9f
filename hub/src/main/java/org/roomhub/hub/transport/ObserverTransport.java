package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import org.roomhub.hub.observe.ObserverHub;
import java.util.List;
import org.roomhub.hub.runtime.RoomRegistry;

/** The observer stream over WebSocket: {@code /hub/events}. */
public final class ObserverTransport {

    private static final String OUTBOUND = "roomhub.observer";
    private static final long MAX_PENDING_BYTES = 4L * 1024 * 1024;

    private final ObserverHub observers;
    private final RoomRegistry registry;

    /** Observers of {@code registry}'s rooms. */
    public ObserverTransport(ObserverHub observers, RoomRegistry registry) {
        this.observers = observers;
        this.registry = registry;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/hub/events", ctx -> ctx.status(426).header("Upgrade", "websocket").result("Expected WebSocket"));
        routes.ws("/hub/events", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
                WebSocketOutbound out = new WebSocketOutbound(ctx.session, MAX_PENDING_BYTES);
                ctx.attribute(OUTBOUND, out);
                observers.add(out, () -> List.copyOf(registry.all()));
            });
            ws.onClose(ctx -> {
                WebSocketOutbound out = ctx.attribute(OUTBOUND);
                if (out != null) {
                    observers.remove(out);
                }
            });
        });
    }
}
