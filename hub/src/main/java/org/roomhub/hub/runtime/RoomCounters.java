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
    /** How often an event's writes carry the figures, at most (RoomHost's ticker stores them as often when only they changed). */
    static final long SAVE_EVERY_MILLIS = 1_000;

    final AtomicLong totalConnections = new AtomicLong();
    final AtomicLong messagesProcessed = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong hibernations = new AtomicLong();
    /** CPU time the room's queue spent running its tasks, nanoseconds. */
    final AtomicLong cpuNanos = new AtomicLong();
    volatile long lastActivity;
    /** When the figures were last stored (with an event's writes, or on their own). */
    volatile long savedAt;
    private long activeMillis;
    private long hibernatedMillis;
    private long stateSince;
    private boolean inMemory;

    /** The discrete counts as last persisted, to tell whether they changed since. */
    private long[] persisted = new long[4];
    private long persistedCpu;

    RoomCounters(long now) {
        stateSince = now;
        lastActivity = now;
    }

    /**
     * Continues from figures stored by an earlier life of the room (unreadable ones are ignored). Records
     * stored before CPU time was measured have six fields; the seventh is CPU nanoseconds, the eighth when
     * they were stored: the room was out of memory since then (dormant, or the hub down), so that time counts
     * as hibernated and a dormant room's figures keep growing like a hibernated host's; the ninth its last
     * activity, so a host built again (a dormant room listed or used) does not look freshly active.
     */
    synchronized void restore(byte[] stored) {
        String[] parts = new String(stored, StandardCharsets.US_ASCII).split(",");
        if (parts.length < 6 || parts.length > 9) {
            return;
        }
        try {
            long[] v = new long[9];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Long.parseLong(parts[i]);
            }
            totalConnections.accumulateAndGet(v[0], Math::max);
            messagesProcessed.accumulateAndGet(v[1], Math::max);
            errors.accumulateAndGet(v[2], Math::max);
            hibernations.accumulateAndGet(v[3], Math::max);
            activeMillis += v[4];
            hibernatedMillis += v[5];
            cpuNanos.addAndGet(v[6]);
            if (parts.length >= 8 && !inMemory) {
                stateSince = Math.min(stateSince, v[7]);
            }
            if (parts.length == 9) {
                lastActivity = v[8];
            }
            persisted = counts();
            persistedCpu = cpuNanos.get();
        } catch (NumberFormatException e) {
            // a damaged record: start from zero rather than refuse the room
        }
    }

    /** Whether a count changed since the last {@link #encode}. */
    synchronized boolean changed() {
        return !Arrays.equals(persisted, counts());
    }

    /**
     * Whether a count or the CPU time changed. Only for the last save at shutdown: CPU time grows with every
     * task, the ticker's save included, so the ticker saving on it would never stop.
     */
    synchronized boolean changedWithCpu() {
        return changed() || persistedCpu != cpuNanos.get();
    }

    /** The figures to store, as of {@code now}; they then count as persisted. */
    synchronized byte[] encode(long now) {
        persisted = counts();
        persistedCpu = cpuNanos.get();
        return (persisted[0] + "," + persisted[1] + "," + persisted[2] + "," + persisted[3] + ","
                + activeMillis(now) + "," + hibernatedMillis(now) + "," + persistedCpu + "," + now + "," + lastActivity)
                .getBytes(StandardCharsets.US_ASCII);
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

    /** CPU time spent, milliseconds with a fraction (nanosecond resolution where the JVM gives it). */
    double cpuMillis() {
        return cpuNanos.get() / 1_000_000.0;
    }

    synchronized long hibernatedMillis(long now) {
        return hibernatedMillis + (inMemory ? 0 : Math.max(0, now - stateSince));
    }
}
