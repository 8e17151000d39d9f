package org.roomhub.hub.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

/**
 * A room's life in memory: the room object while it is there, its lifecycle state, and the idle
 * check that hibernates it. The check is itself a room event, so it never races a message; a room
 * with timers pending stays awake. Touched only on the room's queue, except {@link #tick}.
 */
final class RoomLife {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final RoomAddress address;
    private final HostServices services;
    private final RoomCounters counters;
    private final ResumeLog log;
    private final Supplier<RoomObject> factory;
    private final Lifecycle lifecycle;
    private final AtomicBoolean idleCheckQueued = new AtomicBoolean();
    /** Timers set by room code and not yet run: the room is not idle while any wait. */
    final AtomicInteger pendingTimers = new AtomicInteger();
    private RoomObject room;
    /** What else lets go of the room object's memory when it is evicted. */
    private Runnable evicted = () -> {};
    private volatile long lastEventMillis;

    RoomLife(RoomAddress address, HostServices services, RoomCounters counters, ResumeLog log, Supplier<RoomObject> factory) {
        this.address = address;
        this.services = services;
        this.counters = counters;
        this.log = log;
        this.factory = factory;
        this.lifecycle = new Lifecycle((from, to, at) -> {
            counters.transition(to, at);
            services.listener().stateChanged(address, from, to, at);
        });
        this.lastEventMillis = now();
    }

    RoomState state() {
        return lifecycle.state();
    }

    boolean inMemory() {
        return !lifecycle.is(RoomState.HIBERNATING);
    }

    /** Runs {@code task} whenever the room object is evicted (hibernation or reset). */
    void onEvict(Runnable task) {
        evicted = task;
    }

    /** The room object in memory, or null. */
    RoomObject object() {
        return room;
    }

    /** An event starts now: it counts as activity. */
    void touched() {
        lastEventMillis = now();
        counters.lastActivity = lastEventMillis;
    }

    /** The room object, built from storage when it hibernated (RESUMING → ACTIVE), or made active when idle. */
    RoomObject awake() {
        if (room != null) {
            if (lifecycle.is(RoomState.IDLE)) {
                lifecycle.moveTo(RoomState.ACTIVE, now());
            }
            return room;
        }
        WakeEvent event = new WakeEvent();
        event.begin();
        long cpu0 = event.isEnabled() ? THREADS.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        lifecycle.moveTo(RoomState.RESUMING, now());
        room = factory.get();
        lifecycle.moveTo(RoomState.ACTIVE, now());
        long took = System.nanoTime() - start;
        event.end();
        if (event.shouldCommit()) {
            event.cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
            event.room = address.toString();
            event.commit();
        }
        services.listener().woke(address, took);
        return room;
    }

    /** From the registry's ticker: queues the idle check as a room event when it is due. */
    void tick(long now, SerialQueue queue) {
        if (!inMemory() || pendingTimers.get() > 0) {
            return;
        }
        long quiet = now - lastEventMillis;
        boolean dueIdle = lifecycle.is(RoomState.ACTIVE) && quiet >= services.tunables().idleAfter().toMillis();
        boolean dueHibernate = quiet >= services.tunables().hibernateAfter().toMillis();
        if ((dueIdle || dueHibernate) && idleCheckQueued.compareAndSet(false, true)) {
            queue.executeAlways(this::idleCheck);
        }
    }

    private void idleCheck() {
        idleCheckQueued.set(false);
        if (!inMemory() || pendingTimers.get() > 0) {
            return;
        }
        long quiet = now() - lastEventMillis;
        if (quiet >= services.tunables().hibernateAfter().toMillis()) {
            hibernate();
        } else if (quiet >= services.tunables().idleAfter().toMillis() && lifecycle.is(RoomState.ACTIVE)) {
            lifecycle.moveTo(RoomState.IDLE, now());
        }
    }

    /** Evicts the room object; sessions stay, the next event rebuilds it from storage. */
    void hibernate() {
        if (!inMemory() || lifecycle.is(RoomState.RESUMING)) {
            return;
        }
        room = null;
        log.dropMemory();
        evicted.run();
        counters.hibernations.incrementAndGet();
        lifecycle.moveTo(RoomState.HIBERNATING, now());
    }

    /** After a handler threw: in-memory state may be half-changed, so rebuild from storage next event. */
    void reset() {
        room = null;
        log.dropMemory();
        evicted.run();
        lifecycle.moveTo(RoomState.HIBERNATING, now());
    }

    /** The room was deleted: drop the object for good. */
    void drop() {
        room = null;
    }

    private long now() {
        return services.clock().millis();
    }
}
