package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.http.Sessions;
import org.roomhub.hub.limit.ConnectionLimits;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * One room WebSocket, straight on Jetty's core session: nothing of the upgrade request is kept, only
 * what the join needs (address, principal, suggested name, {@code since}), and those two last are
 * dropped once joined. Text messages go to the {@link Membership}; pings are answered, binary
 * messages ignored (both as before, under Javalin). A close that races the join (a peer resetting
 * right after the {@code 101}) waits here until the join has a membership to leave. Heartbeat state
 * lives here too ({@link WebSocketLiveness}), so a socket is one object of ours beside Jetty's.
 */
final class RoomSocket implements FrameHandler {

    private final RoomSocketRoute route;
    private final RoomAddress address;
    private final Principal principal;
    private String suggested;
    private Long since;
    private CoreSession session;
    /** Set once joined; guarded by {@code this} together with {@link #closed}. */
    private Membership member;
    /** This socket's writer, told when the peer sends (see {@link WebSocketOutbound#heard()}). */
    private volatile WebSocketOutbound outbound;
    private boolean closed;
    private int closeCode;
    private String closeReason;
    /** A text message arriving in several frames; null between messages. */
    private Utf8StringBuilder partial;
    /** Size of a binary message being skipped, or -1 outside one. */
    private long binaryBytes = -1;

    // Heartbeat state, read and written by the edge timer only (WebSocketLiveness).
    long lastBytes = -1;
    long lastHeard;
    boolean closedSeen;
    /** Joined, so the heartbeat looks at it (written once, after {@link #lastHeard}). */
    volatile boolean watched;

    RoomSocket(RoomSocketRoute route, RoomAddress address, Principal principal, String suggested, Long since) {
        this.route = route;
        this.address = address;
        this.principal = principal;
        this.suggested = suggested;
        this.since = since;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        try {
            join();
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t);
            return;
        }
        coreSession.demand();
    }

    private void join() {
        Edge edge = route.edge();
        Optional<ConnectionLimits.Refusal> refused = edge.admit(address, principal);
        if (refused.isPresent()) {
            String text = edge.codec().encode(new ServerFrame.Error(ErrorCode.ROOM_FULL,
                    WebSocketTransport.refusalMessage(refused.get()), System.currentTimeMillis())).text();
            Runnable close = () -> session.close(QueuedOutbound.TRY_AGAIN_LATER, "room full", Callback.NOOP);
            session.sendFrame(new Frame(OpCode.TEXT, text), Callback.from(close, e -> close.run()), false);
            return;
        }
        Membership m;
        try {
            String sessionId = Sessions.newId();
            WebSocketOutbound out = new WebSocketOutbound(session, edge.queueFor(address), edge.drops(address, sessionId),
                    edge.writer(), this::leave); // overflow or a failed write: the room forgets the session at once
            outbound = out;
            m = edge.join(address, sessionId, principal, Access.displayName(principal, suggested, Sessions::isUsableName), out, since);
        } catch (RuntimeException e) {
            edge.connections().release(address, principal.user());
            session.close(1011, "join failed", Callback.NOOP);
            throw e;
        }
        suggested = null;
        since = null;
        boolean attached;
        synchronized (this) {
            attached = !closed;
            if (attached) {
                member = m;
            }
        }
        route.liveness().watch(this, System.currentTimeMillis());
        if (!attached || !session.isOutputOpen()) {
            // The peer went away during the join: its close found no membership to leave, so leave here.
            route.liveness().forget(this);
            m.leave(attached ? 1006 : closeCode, attached ? "connection closed during the join" : closeReason);
        }
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> text(frame, true);
                case OpCode.CONTINUATION -> {
                    if (binaryBytes >= 0) {
                        binary(frame);
                    } else {
                        text(frame, false);
                    }
                }
                case OpCode.BINARY -> {
                    binaryBytes = 0;
                    binary(frame);
                }
                case OpCode.PING -> {
                    // Answered like Jetty's own API layer did; the next frame is read once the pong is on its way.
                    session.sendFrame(new Frame(OpCode.PONG, true, frame.getPayload()), Callback.from(session::demand, callback), false);
                    return;
                }
                case OpCode.CLOSE -> {
                    callback.succeeded(); // Jetty answers the close handshake itself
                    return;
                }
                default -> { } // PONG: liveness counts the bytes, nothing else to do
            }
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t); // Jetty closes: 1009 too large, 1007 bad UTF-8, 1011 anything else
            return;
        }
        session.demand();
    }

    private void text(Frame frame, boolean first) {
        ByteBuffer payload = frame.getPayload();
        int size = payload == null ? 0 : payload.remaining();
        if (first && frame.isFin()) {
            checkSize(size);
            deliver(TextPayload.of(payload));
            return;
        }
        if (first || partial == null) {
            partial = new Utf8StringBuilder();
        }
        checkSize((long) partial.length() + size);
        if (size > 0) {
            partial.append(payload);
        }
        if (frame.isFin()) {
            Utf8StringBuilder whole = partial;
            partial = null;
            deliver(whole.takeCompleteString(BadPayloadException.InvalidUtf8::new));
        } else if (partial.hasCodingErrors()) {
            throw new BadPayloadException.InvalidUtf8();
        }
    }

    private void checkSize(long size) {
        if (size > FrameCodec.MAX_FRAME_BYTES) {
            throw new MessageTooLargeException("Message larger than " + FrameCodec.MAX_FRAME_BYTES + " bytes");
        }
    }

    /** Binary messages carry nothing in this protocol: counted against the limit and dropped, as before. */
    private void binary(Frame frame) {
        binaryBytes += frame.getPayloadLength();
        if (binaryBytes > session.getMaxBinaryMessageSize()) {
            throw new MessageTooLargeException("Message larger than " + session.getMaxBinaryMessageSize() + " bytes");
        }
        if (frame.isFin()) {
            binaryBytes = -1;
        }
    }

    private void deliver(String text) {
        Membership m = member();
        if (m != null) {
            outbound.heard();
            m.receive(text);
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        Membership m = member();
        if (m != null && cause != null) {
            m.failed(cause);
        }
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        route.liveness().forget(this);
        partial = null;
        Membership m;
        synchronized (this) {
            if (closed) {
                callback.succeeded();
                return;
            }
            closed = true;
            closeCode = status.getCode();
            closeReason = status.getReason();
            m = member;
        }
        if (m != null) {
            m.leave(closeCode, closeReason);
        }
        callback.succeeded();
    }

    private synchronized Membership member() {
        return member;
    }

    /** The room this socket joins. */
    RoomAddress address() {
        return address;
    }

    /** The session, once open; null before. */
    CoreSession session() {
        return session;
    }

    /** Bytes read from the peer so far (frames and pongs alike), or -1 when the connection is unknown. */
    long bytesIn() {
        return session instanceof WebSocketCoreSession core && core.getConnection() != null ? core.getConnection().getBytesIn() : -1;
    }

    /** Leaves the room: the outbound side gave up, or the heartbeat found the socket closed or silent. */
    void leave(int code, String reason) {
        Membership m = member();
        if (m != null) {
            m.leave(code, reason);
        }
    }
}
