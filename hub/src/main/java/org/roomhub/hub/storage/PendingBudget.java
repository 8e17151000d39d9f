package org.roomhub.hub.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the bytes of accepted writes not yet applied to the working slot. A writer that would exceed
 * the bound blocks (backpressure) until the applier catches up, up to a timeout; data is never dropped.
 * The common case (room left) is one CAS; the lock is only used to wait.
 */
final class PendingBudget {

    private final long max;
    private final Lifecycle lifecycle;
    private final AtomicLong used = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private volatile int waiters;

    PendingBudget(long max, Lifecycle lifecycle) {
        this.max = max;
        this.lifecycle = lifecycle;
    }

    /** Takes {@code bytes}, waiting up to {@code timeoutNanos}; throws if it cannot. */
    void acquire(long bytes, long timeoutNanos) {
        if (tryAcquire(bytes)) {
            return;
        }
        lock.lock();
        waiters++;
        try {
            long remaining = timeoutNanos;
            while (!tryAcquire(bytes)) {
                lifecycle.checkWritable();
                if (remaining <= 0) {
                    throw new StorageOverloadedException("storage is " + used.get() + " bytes behind (bound " + max
                            + "); a write of " + bytes + " bytes waited " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                            + " ms and was not accepted");
                }
                remaining = released.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageOverloadedException("interrupted while waiting for storage backpressure; write not accepted");
        } finally {
            waiters--;
            lock.unlock();
        }
    }

    private boolean tryAcquire(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > max) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
        if (waiters > 0) {
            wakeAll();
        }
    }

    /** Wakes waiting writers (room was released, or the store failed). */
    void wakeAll() {
        lock.lock();
        try {
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a quarter of the bound is taken: the applier then stops gathering and applies. */
    boolean quarterUsed() {
        return used.get() >= max / 4;
    }

    long used() {
        return used.get();
    }
}
