package org.roomhub.hub.cluster.route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.cluster.NoQuorumException;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link RoomPort} in a cluster, in front of the local rooms: a room that starts running
 * here takes a new epoch first ({@link ClusterNode#activate}: fences any earlier host), and a room
 * whose epoch another member took ({@link #fenced}) is evicted. A member without a majority refuses
 * joins and writes with {@code UNAVAILABLE} (reads, pings and resumes still pass).
 * Activation is a synchronous cluster write of a few ms, done on the caller (a Jetty thread or the
 * cluster's inbound thread), never on a room's queue; one room at a time.
 */
final class HostRooms implements RoomPort {

    private static final Logger LOG = LoggerFactory.getLogger(HostRooms.class);

    private final RoomPort local;
    private final SessionPort out;
    private final FrameCodec codec;
    private final Consumer<RoomAddress> evict;
    private final Consumer<RoomAddress> activated;
    private final Map<RoomAddress, Long> active = new ConcurrentHashMap<>();
    private volatile ClusterNode cluster;

    HostRooms(RoomPort local, SessionPort out, FrameCodec codec, Consumer<RoomAddress> evict, Consumer<RoomAddress> activated) {
        this.local = local;
        this.activated = activated;
        this.out = out;
        this.codec = codec;
        this.evict = evict;
    }

    void attach(ClusterNode cluster) {
        this.cluster = cluster;
    }

    /** The epoch this member holds for {@code room}, or null when it does not host it. */
    Long epoch(RoomAddress room) {
        return active.get(room);
    }

    @Override
    public void ensure(RoomAddress room) {
        if (activated(room)) {
            local.ensure(room);
        }
    }

    @Override
    public void open(SessionOpen open) {
        if (activated(open.room())) {
            local.open(open);
        } else {
            refuse(open.sessionId(), "this member cannot reach a majority of the cluster; try another member");
            out.close(open.sessionId(), 1013, "no cluster majority here; try another member");
        }
    }

    @Override
    public void deliver(ClientMessage message) {
        ClusterNode c = cluster;
        if (c != null && !c.hasQuorum() && !isRead(message.frame())) {
            refuse(message.sessionId(), "this member cannot reach a majority of the cluster; the frame was not applied");
            return;
        }
        local.deliver(message);
    }

    @Override
    public void left(SessionLeft left) {
        local.left(left);
    }

    @Override
    public void failed(RoomAddress room, String sessionId, Throwable error) {
        local.failed(room, sessionId, error);
    }

    /** Another member activated {@code room} (or its data refused a write here): this host is stale and gives the room up. */
    void fenced(String room) {
        RoomAddress address = RoomAddress.parse(room);
        active.remove(address);
        LOG.info("Room {} was taken over by another member; evicting it here", room);
        evict.accept(address);
    }

    private boolean activated(RoomAddress room) {
        ClusterNode c = cluster;
        if (c == null || active.containsKey(room)) {
            return true;
        }
        synchronized (this) {
            if (active.containsKey(room)) {
                return true;
            }
            try {
                active.put(room, c.activate(room.toString()));
                activated.accept(room); // arms its stored alarm here: the host fires it
                return true;
            } catch (NoQuorumException e) {
                LOG.warn("Cannot activate {}: {}", room, e.getMessage());
                return false;
            }
        }
    }

    private void refuse(String sessionId, String message) {
        out.send(Outgoing.to(sessionId, codec.encode(new ServerFrame.Error(ErrorCode.UNAVAILABLE, message, System.currentTimeMillis()))));
    }

    private static boolean isRead(ClientFrame frame) {
        return frame instanceof ClientFrame.Ping || frame instanceof ClientFrame.Resume
                || frame instanceof ClientFrame.Subscribe || frame instanceof ClientFrame.HistoryRequest;
    }
}
