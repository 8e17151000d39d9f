package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.http.Sessions;
import org.roomhub.hub.limit.ConnectionLimits;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Server-Sent Events sessions on {@code /rooms/{type}/{name}/events}. The first event is
 * {@code connected}; the client sends through {@code POST …/messages?session=}. {@code Last-Event-ID}
 * (or {@code ?lastEventId=} / {@code ?since=}) resumes. A reader that closes or resets its connection
 * is noticed at once ({@link PeerCloseWatch}); every heartbeat interval each stream also gets a
 * comment, so a reader that silently vanished is noticed by the failing write and leaves the room.
 */
public final class SseTransport {

    private final Edge edge;
    private final HttpSessions sessions;
    private final Set<SseOutbound> streams = ConcurrentHashMap.newKeySet();

    /** SSE sessions through {@code edge}, sending through {@code sessions}. */
    public SseTransport(Edge edge, HttpSessions sessions) {
        this.edge = edge;
        this.sessions = sessions;
        long every = edge.settings().heartbeatInterval.toMillis();
        edge.timer().scheduleWithFixedDelay(() -> streams.forEach(SseOutbound::heartbeat), every, every, TimeUnit.MILLISECONDS);
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/rooms/{type}/{name}/events", this::open);
    }

    /** Open streams. */
    public int size() {
        return streams.size();
    }

    private void open(Context ctx) {
        Optional<RoomAddress> room = edge.paths().resolve(ctx);
        Optional<Principal> principal = room.flatMap(a -> edge.authorize(ctx, a));
        if (principal.isEmpty()) {
            return;
        }
        RoomAddress address = room.get();
        Optional<ConnectionLimits.Refusal> refused = edge.admit(address, principal.get());
        if (refused.isPresent()) {
            HttpSessions.refuse(ctx, refused.get());
            return;
        }
        Long since = WebSocketTransport.parseSince(firstOf(ctx.header("Last-Event-ID"), ctx.queryParam("lastEventId"), ctx.queryParam("since")));
        String name = Access.displayName(principal.get(), ctx.queryParam("name"), Sessions::isUsableName);
        ctx.status(200).contentType("text/event-stream; charset=utf-8")
                .header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no")
                // The connection ends with the stream: nothing follows an SSE response, and the peer-close
                // watch (below) holds the connection's read side until then.
                .header("Connection", "close");
        ctx.future(() -> {
            String id = Sessions.newId();
            AtomicReference<Membership> self = new AtomicReference<>();
            SseOutbound[] stream = new SseOutbound[1];
            stream[0] = new SseOutbound(edge.queueFor(address), edge.drops(address, id), (code, reason) -> {
                streams.remove(stream[0]);
                sessions.remove(id);
                Membership m = self.get();
                if (m != null) {
                    m.leave(code, reason);
                }
            }, since, edge.writer());
            try {
                stream[0].start(ctx.res().getOutputStream());
            } catch (IOException e) {
                edge.connections().release(address, principal.get().user());
                throw new UncheckedIOException(e);
            }
            Membership member = edge.join(address, id, principal.get(), name, stream[0], since);
            self.set(member);
            sessions.add(new HttpSessions.HttpSession(id, member, null, System.currentTimeMillis()));
            streams.add(stream[0]);
            // A reader that goes away is noticed at once, not at the next heartbeat.
            PeerCloseWatch.watch(ctx.req(), () -> stream[0].onError(new java.io.EOFException("the reader closed the stream")));
            if (stream[0].isFinished()) { // the reader left while we joined
                streams.remove(stream[0]);
                sessions.remove(id);
                member.leave(1006, "stream ended");
            }
            return stream[0].done();
        });
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
