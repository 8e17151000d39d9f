package org.roomhub.hub.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.roomhub.protocol.value.RoomState;

/**
 * One room's figures, updated from its queue and read from anywhere. They only grow, across
 * hibernation and restarts too: they are kept in the room's storage under {@link #KEY} (written with
 * the room's own writes, and by the host's ticker when only they changed) and read back when the
 * room's host is made.
 */
final class RoomCounters {

    /** Storage key of the persisted figures. */
    static final String KEY = "h:counters";

    final AtomicLong totalConnections = new AtomicLong();
    final AtomicLong messagesProcessed = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong hibernations = new AtomicLong();
    volatile long lastActivity;
    /** When the figures were last stored (with an event's writes, or on their own). */
    volatile long savedAt;
    private long activeMillis;
    private long hibernatedMillis;
    private long stateSince;
    private boolean inMemory;

    /** The discrete counts as last persisted, to tell whether they changed since. */
    private long[] persisted = new long[4];

    RoomCounters(long now) {
        stateSince = now;
        lastActivity = now;
    }

    /** Continues from figures stored by an earlier life of the room (unreadable ones are ignored). */
    synchronized void restore(byte[] stored) {
        String[] parts = new String(stored, StandardCharsets.US_ASCII).split(",");
        if (parts.length != 6) {
            return;
        }
        try {
            long[] v = new long[6];
            for (int i = 0; i < 6; i++) {
                v[i] = Long.parseLong(parts[i]);
            }
            totalConnections.accumulateAndGet(v[0], Math::max);
            messagesProcessed.accumulateAndGet(v[1], Math::max);
            errors.accumulateAndGet(v[2], Math::max);
            hibernations.accumulateAndGet(v[3], Math::max);
            activeMillis += v[4];
            hibernatedMillis += v[5];
            persisted = counts();
        } catch (NumberFormatException e) {
            // a damaged record: start from zero rather than refuse the room
        }
    }

    /** Whether a count changed since the last {@link #encode}. */
    synchronized boolean changed() {
        return !Arrays.equals(persisted, counts());
    }

    /** The figures to store, as of {@code now}; they then count as persisted. */
    synchronized byte[] encode(long now) {
        persisted = counts();
        return (persisted[0] + "," + persisted[1] + "," + persisted[2] + "," + persisted[3] + ","
                + activeMillis(now) + "," + hibernatedMillis(now)).getBytes(StandardCharsets.US_ASCII);
    }

    private long[] counts() {
        return new long[] {totalConnections.get(), messagesProcessed.get(), errors.get(), hibernations.get()};
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
