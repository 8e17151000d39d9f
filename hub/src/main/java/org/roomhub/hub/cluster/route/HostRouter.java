package org.roomhub.hub.cluster.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roomhub.hub.runtime.seam.Backlog;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The host's {@link SessionPort} in a cluster: it knows which edge member opened each remote session
 * (learnt from the open that came over the {@link Link}; sessions it does not know are this member's
 * own) and sends one message per edge with the recipients on that edge, the frame encoded once.
 * Only enqueues: the room's serial queue never waits on the network.
 *
 * <p>Backlog: a remote session's outbound queue lives on its edge, so {@link #backlog} answers
 * {@link Backlog#UNKNOWN} for it; the admin sessions list asks the edge ({@link #edgeOf}).
 */
final class HostRouter implements SessionPort {

    private record Remote(String edge, RoomAddress room) {}

    private final Map<String, Remote> remote = new ConcurrentHashMap<>();
    private final Where where;
    private final Link link;
    private final SessionPort edgeSessions;
    private volatile EdgeRouter localEdge;

    HostRouter(Where where, Link link, SessionPort edgeSessions) {
        this.where = where;
        this.link = link;
        this.edgeSessions = edgeSessions;
    }

    void localEdge(EdgeRouter edge) {
        this.localEdge = edge;
    }

    /** A remote edge opened a session here. */
    void opened(String edge, SessionOpen open) {
        remote.put(open.sessionId(), new Remote(edge, open.room()));
    }

    /** Whether a remote session's open reached this host (and it has not left or moved since). */
    boolean knows(String sessionId) {
        return remote.containsKey(sessionId);
    }

    /** A remote session left (after the room heard of it). */
    void forget(String sessionId) {
        remote.remove(sessionId);
        link.forget(sessionId);
    }

    @Override
    public void send(Outgoing out) {
        if (remote.isEmpty()) {
            localEdge.fromHost(where.self(), out);
            return;
        }
        Map<String, List<String>> byEdge = new LinkedHashMap<>();
        for (String id : out.sessionIds()) {
            Remote r = remote.get(id);
            byEdge.computeIfAbsent(r == null ? where.self() : r.edge(), e -> new ArrayList<>()).add(id);
        }
        byEdge.forEach((edge, ids) -> {
            Outgoing part = ids.size() == out.sessionIds().size() ? out : new Outgoing(ids, out.frame(), out.replay());
            if (edge.equals(where.self())) {
                localEdge.fromHost(edge, part);
            } else {
                link.post(edge, new RouteMessage.Send(part));
            }
        });
    }

    /** An event's frames: together to this member's own clients while none is remote (a welcome in one write). */
    @Override
    public void send(List<Outgoing> frames) {
        if (remote.isEmpty()) {
            localEdge.fromHost(where.self(), frames);
        } else {
            SessionPort.super.send(frames);
        }
    }

    @Override
    public void close(String sessionId, int code, String reason) {
        Remote r = remote.get(sessionId);
        if (r == null) {
            localEdge.closeFromHost(where.self(), sessionId, code, reason);
        } else {
            link.post(r.edge(), new RouteMessage.Close(sessionId, code, reason));
        }
    }

    @Override
    public Backlog backlog(String sessionId) {
        return remote.containsKey(sessionId) ? Backlog.UNKNOWN : edgeSessions.backlog(sessionId);
    }

    /** The edge member of a remote session, or null for one of this member's own clients. */
    String edgeOf(String sessionId) {
        Remote r = remote.get(sessionId);
        return r == null ? null : r.edge();
    }

    @Override
    public void moved(RoomAddress room, String sessionId) {
        Remote r = remote.remove(sessionId);
        if (r == null) {
            localEdge.moved(where.self(), room, sessionId);
        } else {
            link.post(r.edge(), new RouteMessage.Moved(room, sessionId));
            link.forget(sessionId);
        }
    }

    /** An edge member died: its sessions leave their rooms here (1006, as for a dropped connection). */
    void edgeDown(String node, RoomPort host) {
        remote.forEach((id, r) -> {
            if (r.edge().equals(node) && remote.remove(id, r)) {
                link.forget(id);
                host.left(new SessionLeft(r.room(), id, 1006, "member " + node + " is down"));
            }
        });
    }

    /** Remote sessions by edge member (for figures and tests). */
    int remoteSessions() {
        return remote.size();
    }
}
