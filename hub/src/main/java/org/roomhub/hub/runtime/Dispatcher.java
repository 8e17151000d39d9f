package org.roomhub.hub.runtime;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a room's events one at a time on its {@link SerialQueue}: wakes the room, collects what the
 * handler did in fresh {@link Effects}, and hands them to the {@link OutputGate} — or, when the
 * handler throws, drops them, tells the sender and resets the room from storage.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final RoomAddress address;
    private final HostServices services;
    private final SerialQueue queue;
    private final RoomLife life;
    private final RoomCounters counters;
    private final RoomOutput output;
    private final OutputGate gate;
    private Effects current;
    /** Set on the room's queue when the room is deleted: from then on no event runs. */
    private volatile boolean deleted;
    /** Set on the room's queue when another member took the room over: no event runs, joins go there. */
    private volatile boolean evicted;

    Dispatcher(RoomAddress address, HostServices services, SerialQueue queue, RoomLife life, RoomCounters counters,
            RoomOutput output, OutputGate gate) {
        this.address = address;
        this.services = services;
        this.queue = queue;
        this.life = life;
        this.counters = counters;
        this.output = output;
        this.gate = gate;
    }

    /** Queues a task for a client's frame; a full queue answers the sender instead. */
    void run(String originId, Runnable task) {
        try {
            queue.execute(task);
        } catch (RejectedExecutionException full) {
            if (originId != null) {
                gate.sendNow(originId, error(ErrorCode.RATE_LIMIT, "room is busy; frame not processed"));
            }
        }
    }

    /** Queues the runtime's own bookkeeping, even past the queue's capacity. */
    void always(Runnable task) {
        queue.executeAlways(task);
    }

    /** Runs one room event now (on the queue); false when it threw (its effects are then dropped). */
    boolean event(ClientSession origin, String kind, Consumer<RoomObject> body) {
        if (deleted || evicted) {
            return false;
        }
        life.touched();
        long seqBefore = output.seq();
        Effects effects = new Effects();
        current = effects;
        try {
            body.accept(life.awake());
            current = null;
            long now = now();
            if (!effects.wroteNothing() && now - counters.savedAt >= RoomCounters.SAVE_EVERY_MILLIS) {
                // The figures ride along with a write at most once a second (the ticker stores the rest):
                // one key less per event for a busy room; a kill -9 may lose the last second of figures.
                effects.writes().put(RoomCounters.KEY, counters.encode(now));
                counters.savedAt = now;
            }
            startTimers(effects);
            gate.commit(effects);
            return true;
        } catch (RuntimeException | LinkageError e) {
            current = null;
            output.rollback(seqBefore);
            counters.errors.incrementAndGet();
            services.listener().handlerFailed(address, e);
            LOG.warn("{} handler of {} failed", kind, address, e);
            if (origin != null && origin.isOpen()) {
                gate.sendNow(origin.sessionId(), error(ErrorCode.INTERNAL, kind + " failed in the room: " + e.getClass().getSimpleName()));
            }
            life.reset();
            return false;
        }
    }

    /** The effects of the event running now; room code outside an event is a bug. */
    Effects current() {
        if (current == null) {
            throw new IllegalStateException("room code ran outside an event of " + address);
        }
        return current;
    }

    /** From now on no event runs (on the room's queue). */
    void markDeleted() {
        deleted = true;
    }

    boolean deleted() {
        return deleted;
    }

    /** From now on no event runs and joins are sent where the room went (on the queue). */
    void markEvicted() {
        evicted = true;
    }

    boolean evicted() {
        return evicted;
    }

    private void startTimers(Effects effects) {
        RoomObject owner = life.object();
        for (Effects.Timer t : effects.timers) {
            life.pendingTimers.incrementAndGet();
            services.timer().schedule(() -> queue.executeAlways(() -> {
                life.pendingTimers.decrementAndGet();
                if (life.object() == owner) { // a timer of an object since rebuilt would act on a dead object
                    event(null, "timer", r -> t.task().run());
                }
            }), t.delayMillis(), TimeUnit.MILLISECONDS);
        }
    }

    ServerFrame.Error error(ErrorCode code, String message) {
        return new ServerFrame.Error(code, message, now());
    }

    private long now() {
        return services.clock().millis();
    }
}
