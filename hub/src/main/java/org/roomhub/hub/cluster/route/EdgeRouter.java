package org.roomhub.hub.cluster.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.value.RoomAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's {@link RoomPort} in a cluster: each session's calls go to the member hosting its room
 * (this member's host directly, another through the {@link Link}). It remembers, per session, the
 * host it opened on and the last room seq it passed to the client, so that when the room moves
 * (its host died, was fenced, or placement changed) it re-opens the session on the new host with
 * {@code since} = that seq: the client keeps its socket and misses nothing. Frames from any other
 * host than the session's current one are dropped (a stale host cannot reach the client), and the
 * second {@code connected} of a re-open is not passed on.
 */
final class EdgeRouter implements RoomPort {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeRouter.class);

    /** Client frames kept per session while its room has no live host; more are refused ({@code RATE_LIMIT}). */
    static final int MAX_PARKED = 1_000;

    /** A (re-)open not answered by {@code connected} within this time is sent again. */
    static final long OPEN_RETRY_MILLIS = 10_000;

    private final Map<String, RoutedSession> sessions = new ConcurrentHashMap<>();
    private final Where where;
    private final RoomPort localHost;
    private final SessionPort edge;
    private final Link link;
    /** Told (session id, host) when the link to the host is full and a client frame was not sent. */
    private final java.util.function.BiConsumer<String, String> refused;

    EdgeRouter(Where where, RoomPort localHost, SessionPort edge, Link link, java.util.function.BiConsumer<String, String> refused) {
        this.where = where;
        this.localHost = localHost;
        this.edge = edge;
        this.link = link;
        this.refused = refused;
    }

    /** A client frame to a remote host; a full link refuses it, as a full room queue does on one hub. */
    private void deliverTo(String host, ClientMessage m) {
        if (link.post(host, new RouteMessage.Deliver(m)) == Outbox.Result.REFUSED) {
            refused.accept(m.sessionId(), host);
        }
    }

    @Override
    public void ensure(RoomAddress room) {
        String host = where.owner(room);
        if (host.equals(where.self())) {
            localHost.ensure(room);
        } else {
            link.post(host, new RouteMessage.Ensure(room));
        }
    }

    @Override
    public void open(SessionOpen open) {
        RoutedSession t = new RoutedSession(open, where.owner(open.room()));
        synchronized (t) {
            sessions.put(open.sessionId(), t);
            t.awaitingConnected = true;
            t.openedAt = System.currentTimeMillis();
            openAt(t.host, open);
        }
    }

    @Override
    public void deliver(ClientMessage message) {
        RoutedSession t = sessions.get(message.sessionId());
        if (t == null) {
            return; // not open here (left meanwhile)
        }
        synchronized (t) {
            send(t, message);
        }
    }

    /** A client frame to the session's host now, or kept while it has none alive (guarded by {@code t}). */
    private void send(RoutedSession t, ClientMessage message) {
        if (t.host == null || t.hostLost || !where.up(t.host)) {
            // No host now, or it crashed and placement has not moved the room yet: keep the frame for the
            // re-open on the room's next host instead of sending it to a member that is gone.
            if (!t.park(message, MAX_PARKED)) {
                refused.accept(message.sessionId(), String.valueOf(t.host));
            }
        } else if (t.host.equals(where.self())) {
            localHost.deliver(message);
        } else {
            deliverTo(t.host, message);
        }
    }

    @Override
    public void left(SessionLeft left) {
        RoutedSession t = sessions.remove(left.sessionId());
        if (t == null) {
            return;
        }
        synchronized (t) {
            if (t.host == null) {
                return;
            } else if (t.host.equals(where.self())) {
                localHost.left(left);
            } else {
                link.post(t.host, new RouteMessage.Left(left));
            }
        }
    }

    @Override
    public void failed(RoomAddress room, String sessionId, Throwable error) {
        RoutedSession t = sessions.get(sessionId);
        String host = t == null ? null : t.host;
        if (where.self().equals(host)) {
            localHost.failed(room, sessionId, error);
        } else if (host != null) {
            link.post(host, new RouteMessage.Failed(room, sessionId, String.valueOf(error)));
        }
    }

    // ---- host → edge ---------------------------------------------------------------------------

    /** Frames from member {@code host}: passed on only for sessions hosted there now; seqs noted for a later re-open. */
    void fromHost(String host, Outgoing out) {
        Outgoing passing = passing(host, out);
        if (passing != null) {
            edge.send(passing);
        }
    }

    /** An event's frames from member {@code host}, as above, handed to the edge together. */
    void fromHost(String host, List<Outgoing> frames) {
        List<Outgoing> passing = new ArrayList<>(frames.size());
        for (Outgoing out : frames) {
            Outgoing p = passing(host, out);
            if (p != null) {
                passing.add(p);
            }
        }
        edge.send(passing);
    }

    /** {@code out} for the sessions hosted at {@code host} now (seqs noted), or null for none. */
    private Outgoing passing(String host, Outgoing out) {
        EncodedFrame f = out.frame();
        List<String> keep = new ArrayList<>(out.sessionIds().size());
        for (String id : out.sessionIds()) {
            RoutedSession t = sessions.get(id);
            if (t == null) {
                continue;
            }
            synchronized (t) {
                if (t.passes(host, f)) {
                    keep.add(id);
                }
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        return keep.size() == out.sessionIds().size() ? out : new Outgoing(keep, f, out.replay());
    }

    /** A close from member {@code host}, for a session hosted there. */
    void closeFromHost(String host, String sessionId, int code, String reason) {
        RoutedSession t = sessions.get(sessionId);
        if (t == null || host.equals(hostOf(t))) {
            edge.close(sessionId, code, reason);
        }
    }

    /** Member {@code host} gave the room up: re-open the session wherever the room runs now. */
    void moved(String host, RoomAddress room, String sessionId) {
        RoutedSession t = sessions.get(sessionId);
        if (t == null) {
            return;
        }
        synchronized (t) {
            movedOff(t, host, room);
        }
    }

    /**
     * Member {@code host} could not take a client frame (it did not know the session, or no longer runs the
     * room): the frame goes again after the session's re-open, ahead of what the client sent since.
     */
    void bounced(String host, ClientMessage message) {
        RoutedSession t = sessions.get(message.sessionId());
        if (t == null) {
            return; // the client left meanwhile
        }
        synchronized (t) {
            if (host.equals(t.host)) {
                t.parkBounced(message);
                movedOff(t, host, message.room());
            } else if (t.host == null || t.hostLost) {
                t.parkBounced(message);
            } else {
                send(t, message); // re-opened elsewhere already: after the frames flushed there
            }
        }
    }

    private void movedOff(RoutedSession t, String host, RoomAddress room) {
        if (!host.equals(t.host)) {
            return; // already re-opened elsewhere
        }
        t.host = null;
        String owner = where.owner(room);
        if (!owner.equals(host)) {
            reopen(t, owner);
        } // else placement here still names the member that gave it up: the next sweep retries
    }

    /** Re-opens every session whose room's owner is not the member it is open on (a host died or placement moved). */
    void sweep() {
        for (RoutedSession t : sessions.values()) {
            synchronized (t) {
                String owner;
                try {
                    owner = where.owner(t.open.room());
                } catch (RuntimeException e) {
                    return; // no topology now (e.g. cut off): try again later
                }
                if (!owner.equals(t.host)) {
                    reopen(t, owner);
                } else if (t.hostLost) {
                    if (where.up(owner)) {
                        reopen(t, owner); // back in the view (restarted, or a split healed) without our session
                    }
                } else if (t.hasParked() && where.up(owner)) {
                    flushParked(t, owner);
                } else if (t.awaitingConnected && System.currentTimeMillis() - t.openedAt > OPEN_RETRY_MILLIS) {
                    // A member that just joined drops messages until its channel is up: open again.
                    reopen(t, owner);
                }
            }
        }
    }

    /**
     * Member {@code host} left this member's view (it died, or a split cut it off): what it sent meanwhile
     * is lost and it makes our sessions leave. Each session hosted there keeps its client's frames and is
     * re-opened by the sweep (after the seq it last passed on) on the room's new owner, or on the same member
     * once it is back in the view: after a healed split the client gets what the majority wrote meanwhile,
     * and no frame goes to a restarted member before the session's open (ClusterSplitTest, ClusterChaosTest).
     */
    void hostDown(String host) {
        for (RoutedSession t : sessions.values()) {
            synchronized (t) {
                if (host.equals(t.host)) {
                    t.hostLost = true;
                    t.awaitingConnected = true;
                }
            }
        }
    }

    /** Sessions this edge routes, by host member (for figures and tests). */
    Map<String, Integer> sessionsByHost() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        sessions.values().forEach(t -> out.merge(String.valueOf(hostOf(t)), 1, Integer::sum));
        return out;
    }

    private static String hostOf(RoutedSession t) {
        synchronized (t) {
            return t.host;
        }
    }

    private void reopen(RoutedSession t, String owner) {
        LOG.debug("session {} of {} re-opens on {} after seq {}", t.open.sessionId(), t.open.room(), owner, t.lastSeq);
        openAt(owner, t.reopenOn(owner, where.up(owner)));
        if (!t.hostLost) {
            flushParked(t, owner); // never into a member out of the view: they would be lost
        }
    }

    /** Sends the frames kept while the session had no live host, in order, after its open. */
    private void flushParked(RoutedSession t, String owner) {
        for (ClientMessage m : t.takeParked()) {
            if (owner.equals(where.self())) {
                localHost.deliver(m);
            } else {
                deliverTo(owner, m);
            }
        }
    }

    private void openAt(String host, SessionOpen open) {
        if (host.equals(where.self())) {
            localHost.open(open);
        } else {
            link.post(host, new RouteMessage.Open(open));
        }
    }
}
