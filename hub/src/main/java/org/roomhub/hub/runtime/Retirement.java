package org.roomhub.hub.runtime;

/**
 * A hibernated room with no session, timer, alarm or pending write leaves its host for the registry's
 * dormant set (~0.1 KB instead of ~3 KB a host), its figures stored first, so a room that sleeps while
 * the hub runs costs what one found dormant at start does. Done on the room's queue; whoever still holds
 * the old host is forwarded to the new one (joins, requests, deletes); nothing else can reach an empty room.
 */
final class Retirement {

    /** A room that could not retire (an alarm stored, say) is looked at again this much later. */
    private static final long EVERY_MILLIS = 1_000;

    private final RoomHost host;
    private final RoomLife life;
    private final SessionTable sessions;
    private final SerialQueue queue;
    private final Dispatcher dispatcher;
    private final OutputGate gate;
    private final RoomCounters counters;
    /** Ticker only: when a try may next be queued. */
    private long nextTry;
    private volatile boolean queued;

    Retirement(RoomHost host, RoomLife life, SessionTable sessions, SerialQueue queue, Dispatcher dispatcher, OutputGate gate,
            RoomCounters counters) {
        this.host = host;
        this.life = life;
        this.sessions = sessions;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.counters = counters;
    }

    /** From the registry's ticker: queues a try when the room sleeps with nobody in it. */
    void tick(long now) {
        if (!queued && now >= nextTry && !life.inMemory() && sessions.size() == 0 && life.pendingTimers.get() == 0
                && host.services().registry().retires()) {
            queued = true;
            nextTry = now + EVERY_MILLIS;
            dispatcher.always(this::tryNow);
        }
    }

    private void tryNow() {
        if (!quiet()) {
            queued = false;
        } else if (!counters.changedWithCpu()) {
            retire();
        } else {
            // The figures go to storage first, so the dormant room is listed with them and woken with them.
            host.saveCounters(true).whenComplete((v, e) -> dispatcher.always(() -> {
                if (e == null && quiet() && !counters.changed()) {
                    retire();
                } else {
                    queued = false;
                }
            }));
        }
    }

    private boolean quiet() {
        return !life.inMemory() && sessions.size() == 0 && life.pendingTimers.get() == 0 && queue.size() == 0
                && !dispatcher.deleted() && !dispatcher.evicted() && gate.drained().isDone() && !host.alarmStored();
    }

    private void retire() {
        if (host.services().registry().retire(host.address(), host)) {
            dispatcher.markRetired();
            host.retired();
        } else {
            queued = false;
        }
    }
}
