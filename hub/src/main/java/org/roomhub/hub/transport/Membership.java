package org.roomhub.hub.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.limit.RateLimits;
import org.roomhub.hub.runtime.ClientSession;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * One connection's place in a room, whatever its transport. Inbound frames pass the gate here:
 * decoding, the rate limit (pings are free) and the role (viewers may only read), then the room.
 */
public final class Membership {

    private final Edge edge;
    private final RoomAddress room;
    private final Principal principal;
    private final ClientSession session;
    private final RateLimits.Limiter limiter;
    private final AtomicBoolean left = new AtomicBoolean();

    Membership(Edge edge, RoomAddress room, Principal principal, ClientSession session, RateLimits.Limiter limiter) {
        this.edge = edge;
        this.room = room;
        this.principal = principal;
        this.session = session;
        this.limiter = limiter;
    }

    /** The session in the room. */
    public ClientSession session() {
        return session;
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
        if (left.get()) {
            return;
        }
        Decoded<ClientFrame> decoded = edge.codec().decodeClient(text);
        ClientFrame frame = decoded instanceof Decoded.Ok<ClientFrame> ok ? ok.frame() : null;
        if (!(frame instanceof ClientFrame.Ping) && !limiter.tryAcquire()) {
            edge.events().rateLimited(room, session.sessionId());
            refuse(ErrorCode.RATE_LIMIT, "over the rate limit; frame not processed");
            return;
        }
        if (decoded instanceof Decoded.Failed<ClientFrame> failed) {
            session.host().sendNow(session, new ServerFrame.Error(failed.error().code(), failed.error().message(), now()));
            return;
        }
        if (!principal.role().maySend() && !isRead(frame)) {
            refuse(ErrorCode.FORBIDDEN, "role " + principal.role().wireName() + " may not send " + org.roomhub.protocol.FrameCodec.typeName(frame));
            return;
        }
        if (frame instanceof ClientFrame.SetName && !principal.mayRename()) {
            // With tokens, the token's user is who you are (PROTOCOL.md, Security), unless the hub allows free names.
            refuse(ErrorCode.FORBIDDEN, "your name is your token's user, " + principal.user() + "; this hub does not allow free names");
            return;
        }
        session.host().receive(session, frame, text.length());
    }

    /** Frames that change nothing: what a viewer may send. */
    private static boolean isRead(ClientFrame frame) {
        return frame instanceof ClientFrame.Ping || frame instanceof ClientFrame.Resume
                || frame instanceof ClientFrame.Subscribe || frame instanceof ClientFrame.HistoryRequest;
    }

    private void refuse(ErrorCode code, String message) {
        session.host().sendNow(session, new ServerFrame.Error(code, message, now()));
    }

    /** The connection closed: the room hears of it once and the limits are given back. */
    public void leave(int code, String reason) {
        if (left.compareAndSet(false, true)) {
            try {
                session.host().left(session, code, reason == null ? "" : reason);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // The hub is stopping: its rooms already closed and forgot every session.
            }
            limiter.release();
            edge.connections().release(room, principal.user());
        }
    }

    /** Whether {@link #leave} ran. */
    public boolean hasLeft() {
        return left.get();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
