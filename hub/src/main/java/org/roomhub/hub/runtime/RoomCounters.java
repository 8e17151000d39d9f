package org.roomhub.hub.runtime;

import java.util.concurrent.atomic.AtomicLong;
import org.roomhub.protocol.value.RoomState;

/** One room's figures, updated from its queue and read from anywhere. */
final class RoomCounters {

    final AtomicLong totalConnections = new AtomicLong();
    final AtomicLong messagesProcessed = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong hibernations = new AtomicLong();
    volatile long lastActivity;
    private long activeMillis;
    private long hibernatedMillis;
    private long stateSince;
    private boolean inMemory;

    RoomCounters(long now) {
        stateSince = now;
        lastActivity = now;
    }

    /** Accounts time in memory versus hibernated on each transition. */
    synchronized void transition(RoomState to, long now) {
        long spent = Math.max(0, now - stateSince);
        if (inMemory) {
            activeMillis += spent;
        } else {
            hibernatedMillis += spent;
        }
        inMemory = to != RoomState.HIBERNATING;
        stateSince = now;
    }

    synchronized long activeMillis(long now) {
        return activeMillis + (inMemory ? Math.max(0, now - stateSince) : 0);
    }

    synchronized long hibernatedMillis(long now) {
        return hibernatedMillis + (inMemory ? 0 : Math.max(0, now - stateSince));
    }
}
