package org.roomhub.hub.cluster.route;

import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.protocol.value.RoomAddress;

/**
 * After cluster changes, this member activates the rooms with a stored alarm that placement gives it, so
 * an alarm fires on its room's host even when no client uses the room. Listing those rooms reads every
 * room key of the cluster, so it runs once per burst of changes (a node-down and the room moves after it),
 * and again a little later when the list could not be read (no topology or quorum at that moment: before,
 * it waited for the next cluster change, which might never come).
 */
final class AlarmClaims {

    static final long DELAY_MILLIS = 250;
    static final long RETRY_MILLIS = 2_000;

    private final ScheduledExecutorService timer;
    private final String self;
    private final Supplier<ClusterNode> node;
    private final Predicate<RoomAddress> hosted;
    private final Consumer<RoomAddress> ensure;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Supplier<Set<RoomAddress>> alarmRooms = Set::of;

    AlarmClaims(ScheduledExecutorService timer, String self, Supplier<ClusterNode> node, Predicate<RoomAddress> hosted,
            Consumer<RoomAddress> ensure) {
        this.timer = timer;
        this.self = self;
        this.node = node;
        this.hosted = hosted;
        this.ensure = ensure;
    }

    void rooms(Supplier<Set<RoomAddress>> alarmRooms) {
        this.alarmRooms = alarmRooms;
    }

    /** Claims soon (once for all the calls until then). */
    void soon() {
        schedule(DELAY_MILLIS);
    }

    private void schedule(long delay) {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.schedule(() -> {
                pending.set(false);
                claim();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // closed
        }
    }

    private void claim() {
        ClusterNode n = node.get();
        if (n == null) {
            return;
        }
        try {
            for (RoomAddress room : alarmRooms.get()) {
                if (n.owner(room.toString()).equals(self) && !hosted.test(room)) {
                    ensure.accept(room);
                }
            }
        } catch (RuntimeException e) {
            schedule(RETRY_MILLIS); // no topology or storage now
        }
    }
}
