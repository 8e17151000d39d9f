package org.roomhub.hub.cluster.route;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.roomhub.hub.cluster.ClusterEvents;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Cluster mode inside the seam: every member is an edge for its own clients and the host of the
 * rooms placement gives it. The hub builds the runtime with {@link #hostSessions()} as its
 * {@code SessionPort} and its transports with {@link #edgeRooms} as their {@code RoomPort}; after the
 * member joined, {@link #attach} starts routing. Placement moves (a host died, joined, was fenced)
 * are caught by a sweep every {@value #SWEEP_MILLIS} ms and at once on cluster events.
 */
public final class ClusterRouting implements AutoCloseable {

    static final long SWEEP_MILLIS = 250;

    private final String self;
    private final FrameCodec codec;
    private final Link link;
    private final HostRouter hostRouter;
    private final SessionPort edgeSessions;
    private final Questions questions;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "roomhub-cluster-sweep");
        t.setDaemon(true);
        return t;
    });
    private volatile ClusterNode node;
    private final AlarmClaims alarmClaims;
    private HostRooms hostRooms;
    private EdgeRouter edgeRouter;

    /** Routing for member {@code nodeId}, whose edge sends to clients through {@code edgeSessions}. */
    public ClusterRouting(String nodeId, SessionPort edgeSessions, FrameCodec codec) {
        this.self = nodeId;
        this.codec = codec;
        this.link = new Link(new RouteCodec(codec));
        this.hostRouter = new HostRouter(where(), link, edgeSessions);
        this.edgeSessions = edgeSessions;
        this.questions = new Questions(nodeId, link, sweeper, () -> node, hostRouter::edgeOf, edgeSessions);
        this.alarmClaims = new AlarmClaims(sweeper, nodeId, () -> node, this::hosts, room -> hostRooms.ensure(room));
    }

    /** Questions to the other members (room lists, remote sessions' queues) and the answers to theirs. */
    public Questions questions() {
        return questions;
    }

    private Where where() {
        return new Where() {
            @Override
            public String self() {
                return self;
            }

            @Override
            public String owner(RoomAddress room) {
                ClusterNode n = node;
                return n == null ? self : n.owner(room.toString());
            }

            @Override
            public boolean up(String member) {
                ClusterNode n = node;
                return n == null || member.equals(self) || n.inView(member);
            }
        };
    }

    /** This member's node id. */
    public String self() {
        return self;
    }

    /** The host's port towards the edges (give it to the room registry). */
    public SessionPort hostSessions() {
        return hostRouter;
    }

    /**
     * The edge's port towards the rooms, over the local rooms {@code localRooms}; {@code evict} gives a
     * room up here (the registry's evict).
     */
    public RoomPort edgeRooms(RoomPort localRooms, Consumer<RoomAddress> evict, Consumer<RoomAddress> activated,
            SessionPort edgeSessions) {
        hostRooms = new HostRooms(localRooms, hostRouter, codec, evict, activated, this::bounce);
        edgeRouter = new EdgeRouter(where(), hostRooms, edgeSessions, link, this::refused);
        hostRouter.localEdge(edgeRouter);
        link.onUndelivered(edgeRouter::bounced);
        return new MinorityRefusal(edgeRouter, edgeSessions, codec, () -> {
            ClusterNode n = node;
            return n == null || n.hasQuorum(); // before joining, everything is local
        });
    }

    /** Cluster events for the node: passed on to {@code observers}, and acted on here. */
    public ClusterEvents events(ClusterEvents observers) {
        return new ClusterEvents() {
            @Override
            public void nodeUp(String n, String url) {
                observers.nodeUp(n, url);
                sweepSoon();
                alarmClaims.soon();
            }

            @Override
            public void nodeDown(String n) {
                observers.nodeDown(n);
                hostRouter.edgeDown(n, hostRooms);
                edgeRouter.hostDown(n);
                sweepSoon();
                alarmClaims.soon();
            }

            @Override
            public void roomMoved(String room, String from, String to, String reason) {
                observers.roomMoved(room, from, to, reason);
                sweepSoon();
                if (self.equals(to)) {
                    alarmClaims.soon(); // node-down fires before placement moved the rooms: claim once they are ours
                }
            }

            @Override
            public void fenced(String room, long mine, long current) {
                observers.fenced(room, mine, current);
                hostRooms.fenced(room);
            }
        };
    }

    /**
     * Starts routing through {@code cluster} (this member joined). {@code alarmRooms} lists rooms with a
     * stored alarm: after each cluster change this member activates those placed on it, so an alarm
     * fires on the room's host even when no client uses the room.
     */
    public void attach(ClusterNode cluster, java.util.function.Supplier<java.util.Set<RoomAddress>> alarmRooms) {
        alarmClaims.rooms(alarmRooms);
        link.attach(cluster, this::received);
        hostRooms.attach(cluster);
        node = cluster;
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        sweepSoon();
        alarmClaims.soon();
    }

    /** The room's data refused a write here (another member claimed it): give the room up. */
    public void fenced(String room) {
        hostRooms.fenced(room);
    }

    /** The member hosting {@code room} now (for {@code node} in room stats). */
    public String node(RoomAddress room) {
        return where().owner(room);
    }

    /** What room stats and {@code /api/rooms} rows add in cluster mode: {@code node} (the host) and its {@code epoch}. */
    public Map<String, Object> fields(RoomAddress room) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("node", node(room));
        ClusterNode n = node;
        if (n != null) {
            n.epoch(room.toString()).ifPresent(e -> out.put("epoch", e));
        }
        return out;
    }

    /** Whether this member holds the current epoch of {@code room} (it runs the room). */
    public boolean hosts(RoomAddress room) {
        HostRooms h = hostRooms;
        return h != null && h.epoch(room) != null;
    }

    /** This edge's sessions by the member hosting them. */
    public Map<String, Integer> sessionsByHost() {
        return edgeRouter.sessionsByHost();
    }

    private void received(String from, RouteMessage m) {
        if (m instanceof RouteMessage.Ensure e) {
            hostRooms.ensure(e.room());
        } else if (m instanceof RouteMessage.Open o) {
            hostRouter.opened(from, o.open());
            hostRooms.open(o.open());
        } else if (m instanceof RouteMessage.Deliver d) {
            if (hostRouter.knows(d.message().sessionId())) {
                hostRooms.deliver(d.message());
            } else {
                // Its open never arrived (lost while this member was joining, or it restarted) or it moved on:
                // the edge re-opens it and sends the frame again.
                link.post(from, new RouteMessage.Bounced(d.message()));
            }
        } else if (m instanceof RouteMessage.Left l) {
            hostRooms.left(l.left());
            hostRouter.forget(l.left().sessionId());
        } else if (m instanceof RouteMessage.Failed f) {
            hostRooms.failed(f.room(), f.sessionId(), new IllegalStateException(f.error()));
        } else if (m instanceof RouteMessage.Send s) {
            edgeRouter.fromHost(from, s.outgoing());
        } else if (m instanceof RouteMessage.Close c) {
            edgeRouter.closeFromHost(from, c.sessionId(), c.code(), c.reason());
        } else if (m instanceof RouteMessage.Moved mv) {
            edgeRouter.moved(from, mv.room(), mv.sessionId());
        } else if (m instanceof RouteMessage.Bounced b) {
            edgeRouter.bounced(from, b.message());
        } else if (m instanceof RouteMessage.Ask a) {
            questions.respond(from, a);
        } else if (m instanceof RouteMessage.Answer a) {
            questions.answered(from, a.id(), a.body());
        }
    }

    /** A client frame the host could not take goes back to its edge (see {@link RouteMessage.Bounced}). */
    private void bounce(org.roomhub.hub.runtime.seam.ClientMessage m) {
        String edge = hostRouter.edgeOf(m.sessionId());
        if (edge == null) {
            edgeRouter.bounced(self, m);
        } else {
            link.post(edge, new RouteMessage.Bounced(m));
        }
    }

    /** The link to {@code host} is full: the client's frame was not sent, as when a room's queue is full on one hub. */
    private void refused(String sessionId, String host) {
        edgeSessions.send(Outgoing.to(sessionId, codec.encode(new ServerFrame.Error(ErrorCode.RATE_LIMIT,
                "member " + host + " is behind; frame not processed", System.currentTimeMillis()))));
    }

    /** Figures of the link's outbox to each member: messages waiting, live bytes, conflated, cut off, refused. */
    public Map<String, Map<String, Long>> linkFigures() {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        link.figures().forEach((id, f) -> out.put(id, Map.of("waiting", (long) f.messages(), "waitingBytes", f.liveBytes(),
                "conflated", f.conflated(), "cut", f.cut(), "refused", f.refused())));
        return out;
    }

    private void sweepSoon() {
        try {
            sweeper.execute(this::sweep);
        } catch (RejectedExecutionException stopping) {
            // closed
        }
    }

    private void sweep() {
        if (node != null) {
            edgeRouter.sweep();
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        if (hostRooms != null) {
            hostRooms.close();
        }
        link.close();
    }
}
