package org.roomhub.hub.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Accepted records waiting for the group committer, in acceptance order. Closing lets the committer drain
 * what is queued; killing (after a storage error) hands back what is queued so it can be failed.
 */
final class CommitQueue {

    private enum Mode { ACCEPTING, DRAINING, DEAD }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Record> queue = new ArrayDeque<>();
    private long queuedBytes;
    private Mode mode = Mode.ACCEPTING;
    private Throwable deathCause;

    /** Queues {@code record}; throws if the queue no longer accepts. */
    void offer(Record record) {
        lock.lock();
        try {
            if (mode != Mode.ACCEPTING) {
                throw mode == Mode.DEAD
                        ? new StorageFailedException("storage stopped after an error: " + deathCause, deathCause)
                        : new IllegalStateException("storage is closing; writes are refused");
            }
            queue.add(record);
            queuedBytes += record.weight;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for records and moves them to {@code out}, up to about {@code maxBytes} (at least one). With
     * {@code gatherNanos} > 0 it first lets more records arrive for that long, unless a full batch is already
     * queued or the queue is closing. Returns false when the queue is closed and empty, or dead.
     */
    boolean takeBatch(List<Record> out, long maxBytes, long gatherNanos) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (mode != Mode.ACCEPTING) {
                    return false;
                }
                notEmpty.await();
            }
            if (gatherNanos > 0 && mode == Mode.ACCEPTING && queuedBytes < maxBytes) {
                // Parked outside the lock and without a condition: writers queueing meanwhile signal nobody.
                lock.unlock();
                try {
                    LockSupport.parkNanos(this, gatherNanos);
                } finally {
                    lock.lock();
                }
            }
            if (mode == Mode.DEAD) {
                return false;
            }
            long bytes = 0;
            while (!queue.isEmpty() && (out.isEmpty() || bytes + queue.peek().weight <= maxBytes)) {
                Record r = queue.poll();
                bytes += r.weight;
                out.add(r);
            }
            queuedBytes -= bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting; the committer drains what is queued, then stops. */
    void close() {
        lock.lock();
        try {
            if (mode == Mode.ACCEPTING) {
                mode = Mode.DRAINING;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops for good after a storage error; returns the records that will never be committed. */
    List<Record> kill(Throwable cause) {
        lock.lock();
        try {
            mode = Mode.DEAD;
            deathCause = cause;
            List<Record> left = new ArrayList<>(queue);
            queue.clear();
            queuedBytes = 0;
            notEmpty.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
