package org.roomhub.hub.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Heartbeats for WebSockets. Every interval each quiet socket gets a ping; a socket from which no
 * byte at all (no frame, no pong) arrived for the heartbeat window is closed with 1001 and reaped.
 * Jetty's own idle timeout cannot do this: it counts our writes as activity, so a peer that lets
 * the kernel acknowledge but never answers would live forever. Incoming bytes are read from the
 * socket's Jetty connection ({@link RoomSocket#bytesIn}); the per-socket state lives on the socket,
 * and the set of open sockets (kept for a graceful stop) is the one watched: one set entry per socket. A socket Jetty already closed is reaped within two beats whatever
 * else happened, so no session outlives its socket.
 */
final class WebSocketLiveness {

    /** Close code for a socket silent past its heartbeat window (the code Jetty uses for idle sockets). */
    static final int SILENT = 1001;

    /** Open sockets; those joined are watched. */
    private final Set<RoomSocket> watched = ConcurrentHashMap.newKeySet();
    private final long windowMillis;

    WebSocketLiveness(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** A socket about to open: held (see {@link #open}), not yet watched. */
    void opened(RoomSocket socket) {
        watched.add(socket);
    }

    /** Starts watching a joined socket. */
    void watch(RoomSocket socket, long now) {
        socket.lastHeard = now;
        socket.watched = true;
        watched.add(socket);
    }

    /** Open sockets, joined or not. */
    Set<RoomSocket> open() {
        return watched;
    }

    /** Stops watching a closed socket and forgets it. */
    void forget(RoomSocket socket) {
        watched.remove(socket);
    }

    /** Sockets watched. */
    int size() {
        return watched.size();
    }

    /** One heartbeat: reaps sockets Jetty closed, pings quiet ones, closes silent ones. */
    void beat(long now) {
        for (RoomSocket w : watched) {
            if (!w.watched) {
                continue; // still joining
            }
            CoreSession session = w.session();
            if (!session.isOutputOpen()) {
                // Closed, yet still watched: its close handler had not run by the previous beat either
                // (a close in progress gets one beat to finish with its own code). Leave now.
                if (w.closedSeen) {
                    watched.remove(w);
                    w.leave(1006, "connection closed");
                }
                w.closedSeen = true;
                continue;
            }
            long bytes = w.bytesIn();
            if (bytes < 0) {
                // Connection not found, so what it read is unknown: closed after two windows, as Jetty's idle timeout did.
                if (now - w.lastHeard >= 2 * windowMillis) {
                    watched.remove(w);
                    session.close(SILENT, "idle past twice the heartbeat window", Callback.NOOP);
                    w.leave(SILENT, "idle past twice the heartbeat window");
                }
                continue;
            }
            if (bytes != w.lastBytes) {
                w.lastBytes = bytes;
                w.lastHeard = now;
            } else if (now - w.lastHeard >= windowMillis) {
                watched.remove(w);
                String reason = "silent past the heartbeat window";
                session.close(SILENT, reason, Callback.NOOP);
                w.leave(SILENT, reason);
                continue;
            }
            session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        }
    }
}
