package org.roomhub.hub.transport;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * Heartbeats for WebSockets. Every interval each quiet socket gets a ping; a socket from which no
 * byte at all (no frame, no pong) arrived for the heartbeat window is closed with 1001 and reaped.
 * Jetty's own idle timeout cannot do this: it counts our writes as activity, so a peer that lets
 * the kernel acknowledge but never answers would live forever. Incoming bytes are read from Jetty's
 * {@link WebSocketConnection}, found through a connector {@link Connection.Listener} by remote address.
 * The address is read once, when the connection opens: a closed endpoint no longer knows its peer
 * (Jetty answers null), which once made every ordinary disconnect throw here. A socket Jetty already
 * closed is reaped within two beats whatever else happened, so no session outlives its socket.
 */
final class WebSocketLiveness implements Connection.Listener {

    /** Close code for a socket silent past its heartbeat window (the code Jetty uses for idle sockets). */
    static final int SILENT = 1001;

    private final Map<SocketAddress, WebSocketConnection> connections = new ConcurrentHashMap<>();
    /** The address each open connection was filed under, so it can be removed once its endpoint forgot it. */
    private final Map<WebSocketConnection, SocketAddress> addresses = new ConcurrentHashMap<>();
    private final Map<Session, Watched> watched = new ConcurrentHashMap<>();
    private final long windowMillis;

    /** One watched socket. */
    private static final class Watched {
        final Membership member;
        final LongSupplier bytesIn;
        long lastBytes = -1;
        boolean closedSeen;
        long lastHeard;

        Watched(Membership member, LongSupplier bytesIn, long now) {
            this.member = member;
            this.bytesIn = bytesIn;
            this.lastHeard = now;
        }
    }

    WebSocketLiveness(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof WebSocketConnection ws) {
            SocketAddress remote = ws.getEndPoint().getRemoteSocketAddress();
            if (remote != null) { // null: closed already, nothing to watch
                addresses.put(ws, remote);
                connections.put(remote, ws);
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof WebSocketConnection ws) {
            SocketAddress remote = addresses.remove(ws);
            if (remote != null) {
                connections.remove(remote, ws);
            }
        }
    }

    /** Starts watching a joined socket. */
    void watch(Session session, Membership member, long now) {
        SocketAddress remote = session.getRemoteSocketAddress();
        WebSocketConnection c = remote == null ? null : connections.get(remote);
        LongSupplier bytes = c == null ? () -> -1 : c::getBytesIn;
        watched.put(session, new Watched(member, bytes, now));
    }

    /** Stops watching a closed socket. */
    void forget(Session session) {
        watched.remove(session);
    }

    /** Sockets watched. */
    int size() {
        return watched.size();
    }

    /** One heartbeat: reaps sockets Jetty closed, pings quiet ones, closes silent ones. */
    void beat(long now) {
        watched.forEach((session, w) -> {
            if (!session.isOpen()) {
                // Closed, yet still watched: its close handler had not run by the previous beat either
                // (a close in progress gets one beat to finish with its own code). Leave now.
                if (w.closedSeen) {
                    watched.remove(session);
                    w.member.leave(1006, "connection closed");
                }
                w.closedSeen = true;
                return;
            }
            long bytes = w.bytesIn.getAsLong();
            if (bytes < 0) {
                return; // connection not found: Jetty's idle timeout is the backstop
            }
            if (bytes != w.lastBytes) {
                w.lastBytes = bytes;
                w.lastHeard = now;
            } else if (now - w.lastHeard >= windowMillis) {
                watched.remove(session);
                String reason = "silent past the heartbeat window";
                session.close(SILENT, reason, Callback.NOOP);
                w.member.leave(SILENT, reason);
                return;
            }
            if (session.isOpen()) {
                session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            }
        });
    }
}
