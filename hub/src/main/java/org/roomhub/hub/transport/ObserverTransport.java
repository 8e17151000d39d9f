package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.observe.ObserverHub;
import java.util.List;
import org.roomhub.hub.room.RoomType.Overflow;
import org.roomhub.hub.runtime.RoomRegistry;

/** The observer stream over WebSocket: {@code /hub/events}, for admins only. */
public final class ObserverTransport {

    private static final String OUTBOUND = "roomhub.observer";
    private static final int MAX_PENDING_FRAMES = 20_000;
    private static final long MAX_PENDING_BYTES = 4L * 1024 * 1024;

    private final ObserverHub observers;
    private final RoomRegistry registry;
    private final Access access;
    private final java.util.concurrent.Executor writer;

    /** Observers of {@code registry}'s rooms, admitted by {@code access}. */
    public ObserverTransport(ObserverHub observers, RoomRegistry registry, Access access, java.util.concurrent.Executor writer) {
        this.writer = writer;
        this.observers = observers;
        this.registry = registry;
        this.access = access;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.wsBeforeUpgrade("/hub/events", ctx -> Access.admit(ctx, access.forAdmin(Access.token(ctx))));
        routes.get("/hub/events", ctx -> Access.admit(ctx, access.forAdmin(Access.token(ctx))).ifPresent(p ->
                ctx.status(426).header("Upgrade", "websocket").result("Expected WebSocket")));
        routes.ws("/hub/events", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
                WebSocketOutbound[] out = new WebSocketOutbound[1];
                out[0] = new WebSocketOutbound(((org.eclipse.jetty.websocket.common.WebSocketSession) ctx.session).getCoreSession(), new OutboundQueue(MAX_PENDING_FRAMES, MAX_PENDING_BYTES, Overflow.CLOSE),
                        DropReport.NONE, writer, (code, reason) -> observers.remove(out[0]));
                ctx.attribute(OUTBOUND, out[0]);
                observers.add(out[0], () -> List.copyOf(registry.all()));
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
