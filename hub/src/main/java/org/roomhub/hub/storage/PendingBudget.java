package org.roomhub.hub.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the bytes of accepted writes not yet applied to the working slot. A writer that would exceed
 * the bound blocks (backpressure) until the applier catches up, up to a timeout; data is never dropped.
 */
final class PendingBudget {

    private final long max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long used;
    private final Lifecycle lifecycle;

    PendingBudget(long max, Lifecycle lifecycle) {
        this.max = max;
        this.lifecycle = lifecycle;
    }

    /** Takes {@code bytes}, waiting up to {@code timeoutNanos}; throws if it cannot. */
    void acquire(long bytes, long timeoutNanos) {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (used + bytes > max) {
                lifecycle.checkWritable();
                if (remaining <= 0) {
                    throw new StorageOverloadedException("storage is " + used + " bytes behind (bound " + max
                            + "); a write of " + bytes + " bytes waited " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                            + " ms and was not accepted");
                }
                remaining = released.awaitNanos(remaining);
            }
            used += bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageOverloadedException("interrupted while waiting for storage backpressure; write not accepted");
        } finally {
            lock.unlock();
        }
    }

    void release(long bytes) {
        lock.lock();
        try {
            used -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting writers so they notice a failed store. */
    void wakeAll() {
        lock.lock();
        try {
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }
}
