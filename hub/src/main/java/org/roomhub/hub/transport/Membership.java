package org.roomhub.hub.transport;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.limit.RateLimits;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * One connection's place in a room, whatever its transport. Inbound frames pass the edge's gate
 * here — decoding, the rate limit (pings are free) and the role (viewers may only read) — and then
 * cross the seam as a {@link ClientMessage}; a refusal is answered here, the room never sees it.
 */
public final class Membership {

    private final Edge edge;
    private final RoomAddress room;
    private final String sessionId;
    private final Principal principal;
    private final RateLimits.Limiter limiter;
    /** 1 once left; a field and an updater rather than an AtomicBoolean: 16 bytes less per socket. */
    private volatile int left;
    private static final AtomicIntegerFieldUpdater<Membership> LEFT = AtomicIntegerFieldUpdater.newUpdater(Membership.class, "left");

    Membership(Edge edge, RoomAddress room, String sessionId, Principal principal, RateLimits.Limiter limiter) {
        this.edge = edge;
        this.room = room;
        this.sessionId = sessionId;
        this.principal = principal;
        this.limiter = limiter;
    }

    /** The session's id. */
    public String sessionId() {
        return sessionId;
    }

    /** Who connected. */
    public Principal principal() {
        return principal;
    }

    /** The room. */
    public RoomAddress room() {
        return room;
    }

    /** A text frame from the client. */
    public void receive(String text) {
        if (left != 0) {
            return;
        }
        Decoded<ClientFrame> decoded = edge.codec().decodeClient(text);
        ClientFrame frame = decoded instanceof Decoded.Ok<ClientFrame> ok ? ok.frame() : null;
        if (!(frame instanceof ClientFrame.Ping) && !limiter.tryAcquire()) {
            edge.events().rateLimited(room, sessionId);
            refuse(ErrorCode.RATE_LIMIT, "over the rate limit; frame not processed");
            return;
        }
        if (decoded instanceof Decoded.Failed<ClientFrame> failed) {
            refuse(failed.error().code(), failed.error().message());
            return;
        }
        if (!principal.role().maySend() && !isRead(frame)) {
            refuse(ErrorCode.FORBIDDEN, "role " + principal.role().wireName() + " may not send " + FrameCodec.typeName(frame));
            return;
        }
        if (frame instanceof ClientFrame.SetName && !principal.mayRename()) {
            // With tokens, the token's user is who you are (PROTOCOL.md, Security), unless the hub allows free names.
            refuse(ErrorCode.FORBIDDEN, "your name is your token's user, " + principal.user() + "; this hub does not allow free names");
            return;
        }
        edge.rooms().deliver(new ClientMessage(room, sessionId, frame, text.length()));
    }

    /** A transport error on the connection, for the room's {@code onError}. */
    public void failed(Throwable error) {
        if (left == 0) {
            edge.rooms().failed(room, sessionId, error);
        }
    }

    /** Frames that change nothing: what a viewer may send. */
    private static boolean isRead(ClientFrame frame) {
        return frame instanceof ClientFrame.Ping || frame instanceof ClientFrame.Resume
                || frame instanceof ClientFrame.Subscribe || frame instanceof ClientFrame.HistoryRequest;
    }

    private void refuse(ErrorCode code, String message) {
        edge.answer(room, sessionId, new ServerFrame.Error(code, message, System.currentTimeMillis()));
    }

    /** The connection closed: the room hears of it once and the limits are given back. */
    public void leave(int code, String reason) {
        if (LEFT.compareAndSet(this, 0, 1)) {
            try {
                edge.rooms().left(new SessionLeft(room, sessionId, code, reason));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // The hub is stopping: its rooms already closed and forgot every session.
            }
            edge.sessions().remove(sessionId);
            limiter.release();
            edge.connections().release(room, principal.user());
        }
    }

    /** Whether {@link #leave} ran. */
    public boolean hasLeft() {
        return left != 0;
    }
}
