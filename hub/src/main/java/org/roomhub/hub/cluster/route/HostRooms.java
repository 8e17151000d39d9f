package org.roomhub.hub.cluster.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.cluster.NoQuorumException;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.RoomAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link RoomPort} in a cluster, in front of the local rooms: a room that starts running
 * here takes a new epoch first ({@link ClusterNode#activate}: fences any earlier host) and is loaded
 * (its replicated data, its alarm armed here); a room whose epoch another member took ({@link #fenced})
 * is evicted. Activation is synchronous cluster work (an epoch CAS, the room's data, maybe a wait for
 * a member that just joined), so it runs on an activation pool: calls for a room being activated wait
 * in that room's list, in order, and run when it is ready — the caller (a Jetty thread, the inbound
 * thread) and every other room go on. A member without a majority refuses joins and writes with
 * {@code INTERNAL} and a message that says so (reads, pings and resumes still pass). PROTOCOL's error codes
 * are a closed list third-party clients switch on, so no new code: INTERNAL already means "not applied".
 */
final class HostRooms implements RoomPort {

    private static final Logger LOG = LoggerFactory.getLogger(HostRooms.class);

    private final RoomPort local;
    private final SessionPort out;
    private final FrameCodec codec;
    private final Consumer<RoomAddress> evict;
    private final Consumer<RoomAddress> activated;
    private final Consumer<ClientMessage> bounce;
    private final Map<RoomAddress, Long> active = new ConcurrentHashMap<>();
    /**
     * Epochs this member holds, from the moment it took them: set before the room is loaded, whose stored
     * alarm may be due at once and fires only where {@link #epoch} answers (an alarm that came due during a
     * failover was dropped when this was only known after loading; ClusterSplitTest).
     */
    private final Map<RoomAddress, Long> held = new ConcurrentHashMap<>();
    /** Rooms being activated, with the calls that wait for it (guarded by {@code this}). */
    private final Map<RoomAddress, List<Runnable>> activating = new java.util.HashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "roomhub-activate");
        t.setDaemon(true);
        return t;
    });
    private volatile ClusterNode cluster;

    HostRooms(RoomPort local, SessionPort out, FrameCodec codec, Consumer<RoomAddress> evict, Consumer<RoomAddress> activated,
            Consumer<ClientMessage> bounce) {
        this.local = local;
        this.bounce = bounce;
        this.out = out;
        this.codec = codec;
        this.evict = evict;
        this.activated = activated;
    }

    void attach(ClusterNode cluster) {
        this.cluster = cluster;
    }

    /** The epoch this member holds for {@code room}, or null when it does not host it. */
    Long epoch(RoomAddress room) {
        return held.get(room);
    }

    @Override
    public void ensure(RoomAddress room) {
        whenActive(room, true, () -> local.ensure(room), () -> {}, null);
    }

    @Override
    public void open(SessionOpen open) {
        whenActive(open.room(), true, () -> local.open(open), () -> {
            refuse(open.sessionId(), MinorityRefusal.JOIN);
            out.close(open.sessionId(), 1013, "no cluster majority here; try another member");
        }, null);
    }

    @Override
    public void deliver(ClientMessage message) {
        ClusterNode c = cluster;
        if (c != null && !c.hasQuorum() && !isRead(message.frame())) {
            refuse(message.sessionId(), MinorityRefusal.WRITE);
            return;
        }
        // A room given up here (fenced) drops frames: hand them back to the edge, which re-opens the session
        // on the room's host and sends them again, instead of losing a write the client was told was taken.
        whenActive(message.room(), false, () -> local.deliver(message), () -> {}, () -> bounce.accept(message));
    }

    @Override
    public void left(SessionLeft left) {
        whenActive(left.room(), false, () -> local.left(left), () -> {}, null);
    }

    @Override
    public void failed(RoomAddress room, String sessionId, Throwable error) {
        whenActive(room, false, () -> local.failed(room, sessionId, error), () -> {}, null);
    }

    /** Another member activated {@code room} (or its data refused a write here): this host is stale and gives the room up. */
    void fenced(String room) {
        RoomAddress address = RoomAddress.parse(room);
        active.remove(address);
        held.remove(address);
        LOG.info("Room {} was taken over by another member; evicting it here", room);
        evict.accept(address);
    }

    void close() {
        pool.shutdownNow();
    }

    /**
     * Runs {@code call} now when the room is active here, else after its activation ({@code refused} if
     * that fails). Only a join ({@code activate}) starts an activation: a call for a room this member does
     * not run goes to {@code elsewhere} (null: to the local rooms, which drop it) rather than taking it back.
     */
    private void whenActive(RoomAddress room, boolean activate, Runnable call, Runnable refused, Runnable elsewhere) {
        ClusterNode c = cluster;
        if (c == null || active.containsKey(room)) {
            call.run();
            return;
        }
        synchronized (this) {
            if (active.containsKey(room)) {
                call.run(); // activated meanwhile: still in order, the waiting list was drained under this lock
                return;
            }
            List<Runnable> waiting = activating.get(room);
            if (waiting == null && !activate) {
                (elsewhere == null ? call : elsewhere).run();
                return;
            }
            if (waiting != null) {
                waiting.add(() -> {
                    if (active.containsKey(room)) {
                        call.run();
                    } else {
                        refused.run();
                    }
                });
                return;
            }
            List<Runnable> list = new ArrayList<>();
            list.add(() -> {
                if (active.containsKey(room)) {
                    call.run();
                } else {
                    refused.run();
                }
            });
            activating.put(room, list);
        }
        pool.execute(() -> activate(c, room, 1));
    }

    /**
     * Activations that fail for another reason than a missing majority (e.g. right after a healed split the
     * room data cache stays degraded for a moment) are tried again, once a second, while placement still
     * names this member: the calls keep waiting, in order. Before, the sessions waiting were refused with
     * 1013 and the epoch just taken left the room with no host (ClusterSplitTest after healing).
     */
    static final int ACTIVATION_ATTEMPTS = 30;

    private void activate(ClusterNode c, RoomAddress room, int attempt) {
        try {
            long epoch = c.activate(room.toString());
            held.put(room, epoch);
            try {
                activated.accept(room); // loads the room and arms its stored alarm here: the host fires it
            } catch (RuntimeException e) {
                held.remove(room);
                throw e;
            }
            active.put(room, epoch);
        } catch (NoQuorumException e) {
            LOG.warn("Cannot activate {}: {}", room, e.getMessage());
        } catch (RuntimeException e) {
            if (attempt < ACTIVATION_ATTEMPTS && ownedHere(c, room)) {
                LOG.warn("Activation of {} failed (attempt {}), trying again in 1 s: {}", room, attempt, e.toString());
                try {
                    java.util.concurrent.CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS, pool)
                            .execute(() -> activate(c, room, attempt + 1));
                    return;
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    // stopping: refuse what waits
                }
            } else {
                LOG.warn("Activation of {} failed", room, e);
            }
        }
        synchronized (this) {
            for (Runnable r : activating.remove(room)) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("A call waiting for {} failed", room, e);
                }
            }
        }
    }

    private static boolean ownedHere(ClusterNode c, RoomAddress room) {
        try {
            return c.owner(room.toString()).equals(c.self());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void refuse(String sessionId, String message) {
        MinorityRefusal.refuse(out, codec, sessionId, message);
    }

    static boolean isRead(ClientFrame frame) {
        return frame instanceof ClientFrame.Ping || frame instanceof ClientFrame.Resume
                || frame instanceof ClientFrame.Subscribe || frame instanceof ClientFrame.HistoryRequest;
    }
}
