package org.roomhub.hub.transport;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.config.HubConfig.TransportConfig;
import org.roomhub.hub.http.RoomPath;
import org.roomhub.hub.limit.ConnectionLimits;
import org.roomhub.hub.limit.RateLimits;
import org.roomhub.hub.observe.EdgeEvents;
import org.roomhub.hub.room.RoomType.Overflow;
import org.roomhub.hub.runtime.RoomTypes;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What every transport shares: the rooms (through the seam: {@link RoomPort} in, {@link EdgeSessions}
 * out), the room types (for their overflow policy), path checks, access decisions, limits, the edge's event
 * listeners, settings and a timer. {@link #join} is the one way a connection of any transport enters
 * a room, so limits and roles apply the same everywhere.
 *
 * @param timer runs heartbeats, polling expiry and long-poll timeouts
 * @param writer writes queued frames to sockets and streams, so a room's thread only enqueues
 */
public record Edge(RoomPort rooms, EdgeSessions sessions, RoomTypes types, RoomPath paths, Access access, ConnectionLimits connections, RateLimits rates,
        EdgeEvents events, TransportConfig settings, ScheduledExecutorService timer, FrameCodec codec,
        java.util.concurrent.Executor writer) {

    /**
     * Checks the credentials of a request for {@code room}: the principal, or empty after answering
     * 401/403 (which also stops a WebSocket upgrade) and counting the refusal.
     */
    public Optional<Principal> authorize(io.javalin.http.Context ctx, RoomAddress room) {
        Access.Decision d = access.forRoom(Access.token(ctx), room, () -> org.roomhub.hub.http.Sessions.displayName(ctx.queryParam("name")));
        if (d instanceof Access.Decision.Denied denied) {
            events.rejected(denied.status() == 401 ? "unauthorized" : "forbidden");
        }
        return Access.admit(ctx, d);
    }

    /** Takes a connection place for {@code principal} in {@code room}, or says why not (and counts the refusal). */
    public Optional<ConnectionLimits.Refusal> admit(RoomAddress room, Principal principal) {
        Optional<ConnectionLimits.Refusal> refused = connections.acquire(room, principal.user());
        refused.ifPresent(r -> events.rejected(r.label()));
        return refused;
    }

    /** A bounded outbound queue with the slow-consumer policy of the room's type. */
    public OutboundQueue queueFor(RoomAddress room) {
        Overflow policy = types.get(room.type()).map(t -> t.overflow()).orElse(Overflow.CLOSE);
        return new OutboundQueue(settings.outboundFrames, settings.outboundBytes, policy);
    }

    /**
     * Joins an admitted connection to its room. {@code since} non-null resumes. The returned membership
     * must be {@linkplain Membership#leave left} exactly once (later calls are ignored).
     */
    public Membership join(RoomAddress room, String sessionId, Principal principal, String displayName, Outbound outbound, Long since) {
        RateLimits.Limiter limiter = rates.open(room.type(), principal.user());
        sessions.add(sessionId, outbound); // before the room hears of it: its first frames go here
        try {
            rooms.open(new SessionOpen(room, sessionId, displayName, principal.role().wireName(), outbound.transport(),
                    since == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(since)));
        } catch (RuntimeException e) {
            sessions.remove(sessionId);
            throw e;
        }
        return new Membership(this, room, sessionId, principal, limiter);
    }

    /** Answers a session from the edge itself (a refused or undecodable frame), counted like a room's frame. */
    public void answer(RoomAddress room, String sessionId, ServerFrame frame) {
        EncodedFrame encoded = codec.encode(frame);
        sessions.send(Outgoing.to(sessionId, encoded));
        events.answered(room, sessionId, encoded.type(), encoded.byteLength(), System.currentTimeMillis());
    }

    /** Reports drops of one session's outbound queue. */
    public DropReport drops(RoomAddress room, String sessionId) {
        return new DropReport(events, room, sessionId);
    }
}
