package org.roomhub.hub.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * Runs tasks one at a time, in order, on a shared pool: no thread per room and no locks in room
 * code. A task that throws is reported and the queue goes on. Bounded: {@link #execute} refuses
 * work past {@code capacity} so a flooded room cannot take the hub's memory.
 */
public final class SerialQueue {

    /** Tasks run per turn on a pool thread before yielding it to other queues. */
    private static final int BATCH = 64;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Checked once: without thread CPU time the figure simply stays 0. */
    private static final boolean CPU_MEASURED = THREADS.isCurrentThreadCpuTimeSupported();

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final Executor pool;
    private final int capacity;
    private final BiConsumer<Runnable, Throwable> onFailure;
    private final LongConsumer cpuNanos;
    private volatile Thread runner;

    /** A queue over {@code pool} holding at most {@code capacity} waiting tasks. */
    public SerialQueue(Executor pool, int capacity, BiConsumer<Runnable, Throwable> onFailure) {
        this(pool, capacity, onFailure, null);
    }

    /** As above; {@code cpuNanos} (if not null) is told the CPU time each turn of tasks took on its pool thread. */
    public SerialQueue(Executor pool, int capacity, BiConsumer<Runnable, Throwable> onFailure, LongConsumer cpuNanos) {
        this.pool = pool;
        this.capacity = capacity;
        this.onFailure = onFailure;
        this.cpuNanos = CPU_MEASURED ? cpuNanos : null;
    }

    /** Enqueues {@code task}; throws {@link RejectedExecutionException} when the queue is full. */
    public void execute(Runnable task) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            throw new RejectedExecutionException("room queue is full (" + capacity + " events)");
        }
        tasks.add(task);
        if (scheduled.compareAndSet(0, 1)) {
            pool.execute(this::drain);
        }
    }

    /** Enqueues {@code task} even past capacity; for the runtime's own bookkeeping events. */
    public void executeAlways(Runnable task) {
        size.incrementAndGet();
        tasks.add(task);
        if (scheduled.compareAndSet(0, 1)) {
            pool.execute(this::drain);
        }
    }

    /** Tasks waiting. */
    public int size() {
        return size.get();
    }

    /** Whether the calling thread is running this queue's task now. */
    public boolean inQueue() {
        return runner == Thread.currentThread();
    }

    private void drain() {
        runner = Thread.currentThread();
        // Thread CPU time is a system call (~1 µs here), so it is read once per turn, not once per task.
        long before = cpuNanos == null ? 0 : THREADS.getCurrentThreadCpuTime();
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                size.decrementAndGet();
                dispatch(task);
            }
        } finally {
            if (cpuNanos != null) {
                // -1 when measurement got disabled at runtime: count nothing rather than a bogus figure
                long after = THREADS.getCurrentThreadCpuTime();
                if (before >= 0 && after > before) {
                    cpuNanos.accept(after - before);
                }
            }
            runner = null;
            scheduled.set(0);
        }
        // Work that arrived while we ran (or past the batch) gets another turn.
        if (!tasks.isEmpty() && scheduled.compareAndSet(0, 1)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                // The pool is shutting down (the hub stops): it runs no more turns, so what is left will not
                // run either way; thrown here it would only escape on the pool thread.
                scheduled.set(0);
            }
        }
    }

    private void dispatch(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            onFailure.accept(task, t);
        }
    }
}
